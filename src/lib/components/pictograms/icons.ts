import Award from '@lucide/svelte/icons/award';
import Bell from '@lucide/svelte/icons/bell';
import BookOpen from '@lucide/svelte/icons/book-open';
import Briefcase from '@lucide/svelte/icons/briefcase';
import CalendarCheck from '@lucide/svelte/icons/calendar-check';
import ClipboardList from '@lucide/svelte/icons/clipboard-list';
import Ear from '@lucide/svelte/icons/ear';
import Eye from '@lucide/svelte/icons/eye';
import Flag from '@lucide/svelte/icons/flag';
import Footprints from '@lucide/svelte/icons/footprints';
import GraduationCap from '@lucide/svelte/icons/graduation-cap';
import Handshake from '@lucide/svelte/icons/handshake';
import Heart from '@lucide/svelte/icons/heart';
import HeartHandshake from '@lucide/svelte/icons/heart-handshake';
import Hourglass from '@lucide/svelte/icons/hourglass';
import Lightbulb from '@lucide/svelte/icons/lightbulb';
import ListChecks from '@lucide/svelte/icons/list-checks';
import Pencil from '@lucide/svelte/icons/pencil';
import Phone from '@lucide/svelte/icons/phone';
import Puzzle from '@lucide/svelte/icons/puzzle';
import Repeat from '@lucide/svelte/icons/repeat';
import Route from '@lucide/svelte/icons/route';
import Scale from '@lucide/svelte/icons/scale';
import Shield from '@lucide/svelte/icons/shield';
import ShieldCheck from '@lucide/svelte/icons/shield-check';
import Star from '@lucide/svelte/icons/star';
import Target from '@lucide/svelte/icons/target';
import ThumbsUp from '@lucide/svelte/icons/thumbs-up';
import UserCheck from '@lucide/svelte/icons/user-check';
import UserRound from '@lucide/svelte/icons/user-round';
import Users from '@lucide/svelte/icons/users';
import type { Component } from 'svelte';
import type { PictogramName } from '#lib/pictograms.ts';

/** One icon per name of the built-in set (src/lib/pictograms.ts); the type makes the two agree. */
export const PICTOGRAM_ICONS: Record<PictogramName, Component<{ size?: number; 'aria-hidden'?: 'true' }>> = {
	award: Award,
	bell: Bell,
	'book-open': BookOpen,
	briefcase: Briefcase,
	'calendar-check': CalendarCheck,
	'clipboard-list': ClipboardList,
	ear: Ear,
	eye: Eye,
	flag: Flag,
	footprints: Footprints,
	'graduation-cap': GraduationCap,
	handshake: Handshake,
	heart: Heart,
	'heart-handshake': HeartHandshake,
	hourglass: Hourglass,
	lightbulb: Lightbulb,
	'list-checks': ListChecks,
	pencil: Pencil,
	phone: Phone,
	puzzle: Puzzle,
	repeat: Repeat,
	route: Route,
	scale: Scale,
	shield: Shield,
	'shield-check': ShieldCheck,
	star: Star,
	target: Target,
	'thumbs-up': ThumbsUp,
	'user-check': UserCheck,
	'user-round': UserRound,
	users: Users
};
