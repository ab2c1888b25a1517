/**
 * How many live streams each follower holds open on this instance (decision 004). A stream costs
 * an open connection, a listener that asks the database again with every change, and a heartbeat
 * entry; without a bound, one device or one account could open thousands and make every change of
 * a conversation cost thousands of queries.
 *
 * Past the bound the follower's **oldest** stream is closed, never the new one: a phone that lost
 * its network leaves a stream behind that the server only notices minutes later, and the stream it
 * opens when it is back must work. A closed page reconnects after 3 s and so closes the next
 * oldest: past the bound, a follower's pages take turns. The bound is therefore well above real
 * use: a browser holds at most six connections to a host over HTTP/1.1, and a staff account is one
 * follower across its browsers (a laptop, a second screen, a phone: 18 at HTTP/1.1, more behind an
 * HTTP/2 proxy). One who opens more only closes their own.
 */
export const MAX_STREAMS_PER_FOLLOWER = 32;

/** Per follower, a way to close each open stream, oldest first (a Set keeps the order of adding). */
const held = new Map<string, Set<() => void>>();

/**
 * Takes a place for one more stream of this follower (a device session or a staff account),
 * closing their oldest streams first (`close`, as given when they took theirs) when they hold
 * MAX_STREAMS_PER_FOLLOWER. The returned function gives the place back; calling it again does nothing.
 */
export function takeStreamPlace(follower: string, close: () => void): () => void {
	let streams = held.get(follower);
	if (!streams) held.set(follower, (streams = new Set()));
	const own = streams;
	const entry = () => close();
	for (const oldest of [...own].slice(0, Math.max(0, own.size - MAX_STREAMS_PER_FOLLOWER + 1))) {
		own.delete(oldest);
		oldest();
	}
	own.add(entry);
	return () => {
		own.delete(entry);
		if (own.size === 0 && held.get(follower) === own) held.delete(follower);
	};
}

/** The streams this follower holds open on this instance. */
export function streamPlacesHeldBy(follower: string): number {
	return held.get(follower)?.size ?? 0;
}
