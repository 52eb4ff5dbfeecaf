import type { Lang } from '../../contract/common.js';

/** The server's own words (problem documents), in every language. The type makes a missing key in
 * any language a compile error. Placeholders are {name}. */
const en = {
  'notFound.title': 'Not found',
  'notFound.detail': 'There is no {what} with id or slug "{key}".',
  'invalid.title': 'Invalid parameter',
  'invalid.detail': 'Parameter "{name}": {reason}.',
  'badRequest.title': 'Bad request',
  'internal.title': 'Internal error',
  'internal.detail': 'Something went wrong on our side. Quote request id {requestId} when reporting it.',
  'entity.member-state': 'member state',
  'entity.pillar': 'pillar',
  'entity.meeting': 'meeting',
  'entity.document': 'document',
  'entity.technical-group': 'technical group',
  'entity.network': 'network or program',
  'entity.page': 'page',
};
type Messages = typeof en;

const es: Messages = {
  'notFound.title': 'No encontrado',
  'notFound.detail': 'No existe ningún registro de tipo {what} con el identificador o slug "{key}".',
  'invalid.title': 'Parámetro no válido',
  'invalid.detail': 'Parámetro "{name}": {reason}.',
  'badRequest.title': 'Solicitud incorrecta',
  'internal.title': 'Error interno',
  'internal.detail': 'Algo falló de nuestro lado. Indique el identificador de solicitud {requestId} al informarlo.',
  'entity.member-state': 'Estado miembro',
  'entity.pillar': 'pilar',
  'entity.meeting': 'reunión',
  'entity.document': 'documento',
  'entity.technical-group': 'grupo técnico',
  'entity.network': 'red o programa',
  'entity.page': 'página',
};

const fr: Messages = {
  'notFound.title': 'Introuvable',
  'notFound.detail': 'Aucun enregistrement de type {what} ne porte l’identifiant ou le slug « {key} ».',
  'invalid.title': 'Paramètre non valide',
  'invalid.detail': 'Paramètre « {name} » : {reason}.',
  'badRequest.title': 'Requête incorrecte',
  'internal.title': 'Erreur interne',
  'internal.detail':
    'Une erreur s’est produite de notre côté. Indiquez l’identifiant de requête {requestId} en la signalant.',
  'entity.member-state': 'État membre',
  'entity.pillar': 'pilier',
  'entity.meeting': 'réunion',
  'entity.document': 'document',
  'entity.technical-group': 'groupe technique',
  'entity.network': 'réseau ou programme',
  'entity.page': 'page',
};

const pt: Messages = {
  'notFound.title': 'Não encontrado',
  'notFound.detail': 'Não existe nenhum registro do tipo {what} com o identificador ou slug "{key}".',
  'invalid.title': 'Parâmetro inválido',
  'invalid.detail': 'Parâmetro "{name}": {reason}.',
  'badRequest.title': 'Requisição inválida',
  'internal.title': 'Erro interno',
  'internal.detail': 'Algo deu errado do nosso lado. Informe o identificador de requisição {requestId} ao relatar.',
  'entity.member-state': 'Estado membro',
  'entity.pillar': 'pilar',
  'entity.meeting': 'reunião',
  'entity.document': 'documento',
  'entity.technical-group': 'grupo técnico',
  'entity.network': 'rede ou programa',
  'entity.page': 'página',
};

const MESSAGES: Record<Lang, Messages> = { en, es, fr, pt };

export function message(lang: Lang, key: keyof Messages | string, values: Record<string, string> = {}): string {
  const template = MESSAGES[lang][key as keyof Messages] ?? en[key as keyof Messages] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}
