/** The agenda of a meeting: how long its texts may be and how many items and presenters it holds. */

export const AGENDA_TITLE_MAX = 300;
export const AGENDA_DESCRIPTION_MAX = 5000;
export const AGENDA_PRESENTERS_MAX = 20;
export const AGENDA_PRESENTER_MAX = 200;
export const AGENDA_ITEMS_MAX = 200;
export const AGENDA_PILLARS_MAX = 10;
