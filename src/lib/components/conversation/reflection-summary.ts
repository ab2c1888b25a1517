/**
 * The reflections of a closed conversation, for its summary: per item (in the instrument's
 * order) what each party (in the conversation's order) is most and least satisfied with.
 * Items and parties without any text are left out. The view holds only what the viewer may
 * see (the blind rule is applied on the server), so this only arranges it.
 */

export interface ReflectionSummaryInput<P extends { id: string }> {
	items: readonly { key: string; label: string }[];
	parties: readonly P[];
	reflections: readonly { partyId: string; itemKey: string; mostSatisfied: string | null; leastSatisfied: string | null }[];
}

export interface ItemReflectionsSummary<P> {
	itemKey: string;
	label: string;
	entries: { party: P; mostSatisfied: string | null; leastSatisfied: string | null }[];
}

export function reflectionsByItem<P extends { id: string }>(input: ReflectionSummaryInput<P>): ItemReflectionsSummary<P>[] {
	return input.items
		.map((item) => ({
			itemKey: item.key,
			label: item.label,
			entries: input.parties.flatMap((party) => {
				const found = input.reflections.find((r) => r.itemKey === item.key && r.partyId === party.id);
				if (!found || (!found.mostSatisfied && !found.leastSatisfied)) return [];
				return [{ party, mostSatisfied: found.mostSatisfied, leastSatisfied: found.leastSatisfied }];
			})
		}))
		.filter((item) => item.entries.length > 0);
}
