import type { Lang } from '../../../src/contract/common.js';

/** Short texts in the four languages, index-aligned, so every translated field has all four. */
type Texts = Record<Lang, readonly string[]>;

export const THEMES: Texts = {
  en: ['Prevention of violence', 'Police management', 'Citizen participation', 'Cybercrime', 'Organized crime'],
  es: [
    'Prevención de la violencia',
    'Gestión policial',
    'Participación ciudadana',
    'Ciberdelito',
    'Delincuencia organizada',
  ],
  fr: [
    'Prévention de la violence',
    'Gestion de la police',
    'Participation citoyenne',
    'Cybercriminalité',
    'Criminalité organisée',
  ],
  pt: ['Prevenção da violência', 'Gestão policial', 'Participação cidadã', 'Cibercrime', 'Crime organizado'],
};

export const KIND_NAMES: Record<Lang, Record<'ministerial' | 'preparatory' | 'technical-group', string>> = {
  en: {
    ministerial: 'Ministerial meeting',
    preparatory: 'Preparatory meeting',
    'technical-group': 'Technical group meeting',
  },
  es: {
    ministerial: 'Reunión ministerial',
    preparatory: 'Reunión preparatoria',
    'technical-group': 'Reunión del grupo técnico',
  },
  fr: {
    ministerial: 'Réunion ministérielle',
    preparatory: 'Réunion préparatoire',
    'technical-group': 'Réunion du groupe technique',
  },
  pt: {
    ministerial: 'Reunião ministerial',
    preparatory: 'Reunião preparatória',
    'technical-group': 'Reunião do grupo técnico',
  },
};

export const AGENDA_TITLES: Texts = {
  en: [
    'Opening session',
    'Adoption of the agenda',
    'Report of the secretariat',
    'Panel on',
    'Dialogue of heads of delegation',
    'Closing session',
  ],
  es: [
    'Sesión de apertura',
    'Aprobación del temario',
    'Informe de la secretaría',
    'Panel sobre',
    'Diálogo de jefes de delegación',
    'Sesión de clausura',
  ],
  fr: [
    'Séance d’ouverture',
    'Adoption de l’ordre du jour',
    'Rapport du secrétariat',
    'Table ronde sur',
    'Dialogue des chefs de délégation',
    'Séance de clôture',
  ],
  pt: [
    'Sessão de abertura',
    'Aprovação da agenda',
    'Relatório da secretaria',
    'Painel sobre',
    'Diálogo dos chefes de delegação',
    'Sessão de encerramento',
  ],
};

export const AGENDA_DESCRIPTIONS: Texts = {
  en: ['Statements by the authorities and presentation of the working documents of the item.'],
  es: ['Intervenciones de las autoridades y presentación de los documentos de trabajo del tema.'],
  fr: ['Interventions des autorités et présentation des documents de travail du point.'],
  pt: ['Intervenções das autoridades e apresentação dos documentos de trabalho do item.'],
};

export const DOCUMENT_TITLES: Texts = {
  en: ['Draft declaration', 'Draft schedule', 'Report on progress', 'Note by the secretariat', 'Presentation'],
  es: [
    'Proyecto de declaración',
    'Proyecto de calendario',
    'Informe de avance',
    'Nota de la secretaría',
    'Presentación',
  ],
  fr: ['Projet de déclaration', 'Projet de calendrier', 'Rapport d’avancement', 'Note du secrétariat', 'Présentation'],
  pt: [
    'Projeto de declaração',
    'Projeto de calendário',
    'Relatório de progresso',
    'Nota da secretaria',
    'Apresentação',
  ],
};
