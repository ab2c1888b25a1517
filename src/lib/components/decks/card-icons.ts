import Award from '@lucide/svelte/icons/award';
import Bell from '@lucide/svelte/icons/bell';
import BookOpen from '@lucide/svelte/icons/book-open';
import Briefcase from '@lucide/svelte/icons/briefcase';
import Ear from '@lucide/svelte/icons/ear';
import Eye from '@lucide/svelte/icons/eye';
import Flag from '@lucide/svelte/icons/flag';
import Footprints from '@lucide/svelte/icons/footprints';
import GraduationCap from '@lucide/svelte/icons/graduation-cap';
import Handshake from '@lucide/svelte/icons/handshake';
import Heart from '@lucide/svelte/icons/heart';
import Hourglass from '@lucide/svelte/icons/hourglass';
import Lightbulb from '@lucide/svelte/icons/lightbulb';
import ListChecks from '@lucide/svelte/icons/list-checks';
import Pencil from '@lucide/svelte/icons/pencil';
import Puzzle from '@lucide/svelte/icons/puzzle';
import Repeat from '@lucide/svelte/icons/repeat';
import Route from '@lucide/svelte/icons/route';
import Scale from '@lucide/svelte/icons/scale';
import Shield from '@lucide/svelte/icons/shield';
import ShieldCheck from '@lucide/svelte/icons/shield-check';
import Target from '@lucide/svelte/icons/target';
import ThumbsUp from '@lucide/svelte/icons/thumbs-up';
import UserCheck from '@lucide/svelte/icons/user-check';
import UserRound from '@lucide/svelte/icons/user-round';
import Users from '@lucide/svelte/icons/users';

/**
 * The pictograms the built-in decks use, by lucide name (decks.content_json stores the name).
 * A new pictogram in a deck needs its import here; a test checks every built-in card has one.
 */
export const CARD_ICONS = {
	award: Award,
	bell: Bell,
	'book-open': BookOpen,
	briefcase: Briefcase,
	ear: Ear,
	eye: Eye,
	flag: Flag,
	footprints: Footprints,
	'graduation-cap': GraduationCap,
	handshake: Handshake,
	heart: Heart,
	hourglass: Hourglass,
	lightbulb: Lightbulb,
	'list-checks': ListChecks,
	pencil: Pencil,
	puzzle: Puzzle,
	repeat: Repeat,
	route: Route,
	scale: Scale,
	shield: Shield,
	'shield-check': ShieldCheck,
	target: Target,
	'thumbs-up': ThumbsUp,
	'user-check': UserCheck,
	'user-round': UserRound,
	users: Users
} as const;
