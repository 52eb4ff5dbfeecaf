import type { Lang } from '../../contract/common.js';

/** The server's own words (problem documents), in every language. The type makes a missing key in
 * any language a compile error. Placeholders are {name}. */
const en = {
  'signIn.failed.title': 'Sign-in failed',
  'signIn.failed.detail': 'The e-mail address or the password is wrong, or the account is not active.',
  'denied.title.401': 'Sign-in required',
  'denied.title.403': 'Not allowed',
  'denied.sign-in': 'Sign in to do this ({action}).',
  'denied.second-factor': 'Complete two-factor authentication before doing this ({action}).',
  'denied.read-only-token': 'This API token may only read; {action} needs a token with write scope.',
  'denied.role': 'None of your roles allows this ({action}).',
  'denied.scope': 'Your roles allow this ({action}) only for your own member state, group or organisation.',
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
  'signIn.failed.title': 'No se pudo iniciar sesión',
  'signIn.failed.detail': 'La dirección de correo o la contraseña no son correctas, o la cuenta no está activa.',
  'denied.title.401': 'Se requiere iniciar sesión',
  'denied.title.403': 'No permitido',
  'denied.sign-in': 'Inicie sesión para hacer esto ({action}).',
  'denied.second-factor': 'Complete la autenticación de dos factores antes de hacer esto ({action}).',
  'denied.read-only-token': 'Este token de API solo permite leer; {action} requiere un token con permiso de escritura.',
  'denied.role': 'Ninguno de sus roles permite esto ({action}).',
  'denied.scope': 'Sus roles permiten esto ({action}) solo para su propio Estado miembro, grupo u organización.',
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
  'signIn.failed.title': 'Échec de la connexion',
  'signIn.failed.detail': 'L’adresse e-mail ou le mot de passe est erroné, ou le compte n’est pas actif.',
  'denied.title.401': 'Connexion requise',
  'denied.title.403': 'Non autorisé',
  'denied.sign-in': 'Connectez-vous pour faire ceci ({action}).',
  'denied.second-factor': 'Terminez l’authentification à deux facteurs avant de faire ceci ({action}).',
  'denied.read-only-token': 'Ce jeton d’API ne permet que la lecture ; {action} exige un jeton avec droit d’écriture.',
  'denied.role': 'Aucun de vos rôles ne permet ceci ({action}).',
  'denied.scope': 'Vos rôles ne permettent ceci ({action}) que pour votre propre État membre, groupe ou organisation.',
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
  'signIn.failed.title': 'Não foi possível entrar',
  'signIn.failed.detail': 'O endereço de e-mail ou a senha estão errados, ou a conta não está ativa.',
  'denied.title.401': 'É preciso entrar',
  'denied.title.403': 'Não permitido',
  'denied.sign-in': 'Entre para fazer isto ({action}).',
  'denied.second-factor': 'Conclua a autenticação de dois fatores antes de fazer isto ({action}).',
  'denied.read-only-token': 'Este token de API só permite leitura; {action} exige um token com permissão de escrita.',
  'denied.role': 'Nenhum dos seus papéis permite isto ({action}).',
  'denied.scope': 'Seus papéis permitem isto ({action}) apenas para o seu próprio Estado membro, grupo ou organização.',
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
