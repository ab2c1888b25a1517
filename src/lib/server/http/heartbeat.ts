/**
 * One timer for every open live stream of this instance, not one per stream (decision 023):
 * a thousand phones following a conversation cost a thousand entries in a set, not a thousand
 * timers. `beat` sends a comment line that keeps proxies and phones from closing a quiet stream.
 */
export function createHeartbeat(intervalMs: number) {
	const beats = new Set<() => void>();
	let timer: ReturnType<typeof setInterval> | undefined;
	return {
		/** Beats `beat` every interval from now on; the returned function stops it. */
		follow(beat: () => void): () => void {
			beats.add(beat);
			if (!timer) {
				timer = setInterval(() => {
					for (const each of beats) each();
				}, intervalMs);
				timer.unref?.();
			}
			return () => {
				beats.delete(beat);
				if (beats.size === 0 && timer) {
					clearInterval(timer);
					timer = undefined;
				}
			};
		},
		get size(): number {
			return beats.size;
		}
	};
}
