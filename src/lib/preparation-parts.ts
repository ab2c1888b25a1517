/**
 * The parts a preparation is shared by (docs/decisions/013): its owner shares some, all or none,
 * and may take a part back before the conversation starts. What is not shared stays private.
 * Here, outside the server, because the share form lists them.
 */
export const PREPARATION_PARTS = ['wishes', 'cards', 'moment', 'safety'] as const;
export type PreparationPart = (typeof PREPARATION_PARTS)[number];
