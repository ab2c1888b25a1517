/**
 * Where the markers go on a reveal line (0–100). Pure, so the drawing component stays simple
 * and the rules are tested: each party keeps one shape and colour throughout the page, and
 * markers that lie close together move to their own lane, so no marker or label hides another.
 */

export const MARKER_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'hexagon', 'star'] as const;
export type MarkerShape = (typeof MARKER_SHAPES)[number];

export interface MarkerStyle {
	shape: MarkerShape;
	/** A colour class `tone-<n>`; the shape and the name carry the meaning too, never the colour alone. */
	tone: number;
}

/** The n-th party's marker; after six parties the shapes repeat with another tone. */
export function markerStyle(index: number): MarkerStyle {
	const safe = Math.max(0, Math.floor(index));
	return { shape: MARKER_SHAPES[safe % MARKER_SHAPES.length]!, tone: safe % 6 };
}

export interface LineValue {
	partyId: string;
	value: number;
}

export interface PlacedMarker extends LineValue {
	/** The value clamped to 0–100: the marker's position along the line, in percent. */
	position: number;
	/** 0 is the lane on the line; higher lanes lie below it. */
	lane: number;
	/** How the label lines up with the marker, so labels at the ends stay on the screen. */
	anchor: 'start' | 'middle' | 'end';
}

const EDGE = 12;
/** Room kept between two labels or markers in one lane, in points of the line. */
const GAP = 2;
/** A marker is about this wide, in points of a phone-wide line. */
const MARKER_WIDTH = 7;

export function labelAnchor(position: number): PlacedMarker['anchor'] {
	if (position < EDGE) return 'start';
	if (position > 100 - EDGE) return 'end';
	return 'middle';
}

/**
 * How wide a label is, in points of the line on the narrowest screen (about 290 px for 100
 * points, at about 7.5 px a letter). Wider screens then simply have room to spare.
 */
export function labelWidth(label: string): number {
	return Math.max(MARKER_WIDTH, label.length * 2.6);
}

/** The part of the line a marker and its label take up. */
export function extent(position: number, width: number): [number, number] {
	const anchor = labelAnchor(position);
	const half = MARKER_WIDTH / 2;
	if (anchor === 'start') return [position - half, position + Math.max(width, half)];
	if (anchor === 'end') return [position - Math.max(width, half), position + half];
	const side = Math.max(width, MARKER_WIDTH) / 2;
	return [position - side, position + side];
}

/**
 * Lanes from left to right: a marker goes to the first lane where it and its label do not
 * touch what is already there. Equal values keep the order of the parties. `labels` gives each
 * party's label, to know how wide it is.
 */
export function layoutMarkers(
	values: readonly LineValue[],
	labels: ReadonlyMap<string, string> = new Map()
): { markers: PlacedMarker[]; lanes: number } {
	const sorted = values
		.map((entry, order) => {
			const position = Math.min(100, Math.max(0, entry.value));
			return { ...entry, order, position, span: extent(position, labelWidth(labels.get(entry.partyId) ?? '')) };
		})
		.sort((a, b) => a.span[0] - b.span[0] || a.order - b.order);
	const laneEnds: number[] = [];
	const placed = sorted.map((entry) => {
		let lane = laneEnds.findIndex((end) => entry.span[0] >= end + GAP);
		if (lane === -1) lane = laneEnds.push(entry.span[1]) - 1;
		else laneEnds[lane] = entry.span[1];
		return { ...entry, lane, anchor: labelAnchor(entry.position) };
	});
	const markers = placed
		.sort((a, b) => a.order - b.order)
		.map(({ partyId, value, position, lane, anchor }) => ({ partyId, value, position, lane, anchor }));
	return { markers, lanes: Math.max(1, laneEnds.length) };
}

/** Names on the line are short; the legend and the table carry the full name. */
export function shortLabel(name: string, max = 16): string {
	const trimmed = name.trim();
	return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}

/** The SVG points of a shape of about `size` across, centred on 0,0. */
export function shapePoints(shape: Exclude<MarkerShape, 'circle' | 'square'>, size: number): string {
	const r = size / 2;
	const round = (n: number) => Math.round(n * 100) / 100;
	const polygon = (corners: number, radius: (i: number) => number, turn = -Math.PI / 2) =>
		Array.from({ length: corners }, (_, i) => {
			const angle = turn + (i * 2 * Math.PI) / corners;
			return `${round(radius(i) * Math.cos(angle))},${round(radius(i) * Math.sin(angle))}`;
		}).join(' ');
	switch (shape) {
		case 'triangle':
			return polygon(3, () => r * 1.15);
		case 'diamond':
			return polygon(4, () => r * 1.2);
		case 'hexagon':
			return polygon(6, () => r * 1.05, 0);
		case 'star':
			return polygon(10, (i) => (i % 2 === 0 ? r * 1.25 : r * 0.55));
	}
}
