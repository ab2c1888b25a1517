/**
 * The built-in set of pictograms: every question of an instrument and every card of a deck
 * shows one of these beside its words (seed 003: "een pictogram bij elke vraag"). Stored content
 * names them by their lucide name; an imported instrument or an edited deck may only name one
 * of these. The pages draw them with components/pictograms/Pictogram.svelte, whose icon map is
 * typed by this list, so a name here without an icon does not compile.
 */
export const PICTOGRAM_NAMES = [
	'award',
	'bell',
	'book-open',
	'briefcase',
	'calendar-check',
	'clipboard-list',
	'ear',
	'eye',
	'flag',
	'footprints',
	'graduation-cap',
	'handshake',
	'heart',
	'heart-handshake',
	'hourglass',
	'lightbulb',
	'list-checks',
	'pencil',
	'phone',
	'puzzle',
	'repeat',
	'route',
	'scale',
	'shield',
	'shield-check',
	'star',
	'target',
	'thumbs-up',
	'user-check',
	'user-round',
	'users'
] as const;

export type PictogramName = (typeof PICTOGRAM_NAMES)[number];

export function isPictogramName(name: string): name is PictogramName {
	return (PICTOGRAM_NAMES as readonly string[]).includes(name);
}
