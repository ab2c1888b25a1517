/**
 * How many live streams each follower holds open on this instance (decision 004). A stream costs
 * an open connection, a listener that asks the database again with every change, and a heartbeat
 * entry; without a bound, one device or one account could open thousands and make every change of
 * a conversation cost thousands of queries. A browser opens one stream per page and at most six
 * connections to one host (HTTP/1.1), so a rightful follower never comes near the bound: only the
 * follower who holds them all is refused, never anyone else.
 */
export const MAX_STREAMS_PER_FOLLOWER = 12;

const held = new Map<string, number>();

/**
 * Takes a place for one more stream of this follower (a device session or a staff account):
 * the returned function gives it back (only once, however often it is called), or null when the
 * follower already holds MAX_STREAMS_PER_FOLLOWER.
 */
export function takeStreamPlace(follower: string): (() => void) | null {
	const holding = held.get(follower) ?? 0;
	if (holding >= MAX_STREAMS_PER_FOLLOWER) return null;
	held.set(follower, holding + 1);
	let given = false;
	return () => {
		if (given) return;
		given = true;
		const left = (held.get(follower) ?? 1) - 1;
		if (left > 0) held.set(follower, left);
		else held.delete(follower);
	};
}

/** The streams this follower holds open on this instance. */
export function streamPlacesHeldBy(follower: string): number {
	return held.get(follower) ?? 0;
}
