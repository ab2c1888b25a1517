// The history of one generated collaboration (scripts/seed/scale.mjs): its participants, its quick
// checks over the years (closed, abandoned or still running with blind ratings), agreements and
// their reviews, as rows for the writer; and the deterministic random source it draws from.
import { randomUUID } from 'node:crypto';

export const DAY = 86_400_000;

const ITEMS = ['omgang', 'luisteren', 'contact', 'plan', 'afspraken'];
/** Clients feel listened to less than professionals think (seed 002): per item, how clients and professionals differ from the collaboration's level. */
const CLIENT_ITEM_OFFSET = { omgang: 4, luisteren: -8, contact: 0, plan: -3, afspraken: 2 };
const PROFESSIONAL_ITEM_OFFSET = { omgang: 6, luisteren: 8, contact: 3, plan: 2, afspraken: 4 };

/** mulberry32: small, fast and deterministic. */
export function generator(seed) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (list) => list[Math.floor(next() * list.length)],
		chance: (p) => next() < p,
		normal: (mean, sd) => mean + sd * (next() + next() + next() + next() - 2) * 1.22
	};
}

const clamp = (value) => Math.max(0, Math.min(100, Math.round(value)));
export const iso = (ms) => new Date(ms).toISOString();
export const dateOnly = (ms) => iso(ms).slice(0, 10);

export function generateCollaboration({ random, writer, counts, holder, organisationId, instrumentId, historyStart, now, index }) {
	const collaborationId = randomUUID();
	const created = historyStart - random.int(0, 150) * DAY + random.next() * (now - historyStart) * 0.85;
	const rhythmWeeks = random.pick([6, 8, 12, 12, 12, 12, 26, null]);
	const closedAt = random.chance(0.15) ? created + random.int(120, 700) * DAY : null;
	const end = closedAt !== null && closedAt < now ? closedAt : now;
	const participantCount = random.chance(0.65) ? 1 : random.chance(0.8) ? 2 : 3;
	const participants = Array.from({ length: participantCount }, (_, i) => ({
		id: randomUUID(),
		child: i > 0 && random.chance(0.4)
	}));
	const level = random.normal(66, 12);
	const professionalBias = random.normal(7, 6);
	counts.collaborations += 1;

	const collaborationRow = {
		id: collaborationId,
		organisationId,
		label: `G${index}`,
		status: closedAt !== null && closedAt < now ? 'closed' : 'open',
		rhythmWeeks,
		nextDueOn: null,
		createdBy: holder.id,
		createdAt: iso(created),
		updatedAt: iso(created),
		closedAt: closedAt !== null && closedAt < now ? iso(closedAt) : null
	};
	writer.push('collaborations', collaborationRow);
	writer.push('collaborationProfessionals', { organisationId, collaborationId, userId: holder.id, role: 'holder', addedAt: iso(created) });
	participants.forEach((p, i) =>
		writer.push('participants', {
			id: p.id,
			organisationId,
			collaborationId,
			displayName: p.child ? `Kind ${i + 1}` : `Ouder ${i + 1}`,
			audience: p.child ? 'child' : 'adult',
			locale: 'nl',
			email: null,
			createdAt: iso(created),
			removedAt: null
		})
	);

	let openAgreement = null;
	let lastClosed = null;
	let at = created + (rhythmWeeks ?? 10) * 7 * DAY * (0.5 + random.next() * 0.6);
	let round = 0;
	while (at < end) {
		const next = at + (rhythmWeeks ?? 10) * 7 * DAY * (0.8 + random.next() * 0.5);
		const isLast = next >= end;
		const running = isLast && closedAt === null && now - at < 21 * DAY;
		const roll = random.next();
		const phase = running ? 'rating' : roll < 0.05 ? 'abandoned' : roll < 0.12 ? null : 'closed';
		if (phase !== null) {
			const conversation = { phase, at, level: level + round * 1.5, professionalBias, openAgreement };
			const result = generateConversation({
				random,
				writer,
				counts,
				organisationId,
				collaborationId,
				instrumentId,
				holder,
				participants,
				...conversation
			});
			if (phase === 'closed') {
				openAgreement = result.agreement;
				lastClosed = at;
			}
		}
		round += 1;
		at = next;
	}
	// Rows stay buffered until the whole collaboration is generated, so they can still change.
	if (collaborationRow.status === 'open' && rhythmWeeks !== null && lastClosed !== null) {
		collaborationRow.nextDueOn = dateOnly(lastClosed + rhythmWeeks * 7 * DAY);
	}
}

function generateConversation({
	random,
	writer,
	counts,
	phase,
	at,
	organisationId,
	collaborationId,
	instrumentId,
	holder,
	participants,
	level,
	professionalBias,
	openAgreement
}) {
	const conversationId = randomUUID();
	const startedAt = iso(at);
	const endedAt = phase === 'rating' ? null : iso(at + 40 * 60_000);
	const revealed = phase === 'closed';
	writer.push('conversations', {
		id: conversationId,
		organisationId,
		collaborationId,
		method: 'quickCheck',
		instrumentId,
		phase,
		startedBy: holder.id,
		startedAt,
		revealedAt: revealed ? iso(at + 15 * 60_000) : null,
		endedAt,
		joinCode: null,
		summary: null,
		scheduledOn: null,
		version: 3
	});
	const rate = (partyId, values) => {
		for (const itemKey of ITEMS) {
			writer.push('ratings', {
				organisationId,
				conversationId,
				partyId,
				instrumentId,
				itemKey,
				value: values(itemKey),
				createdAt: startedAt
			});
			if (revealed) counts.ratings += 1;
			else counts.blindRatings += 1;
		}
	};
	for (const participant of participants) {
		const partyId = randomUUID();
		const present = random.chance(0.92);
		// A conversation that never revealed holds only some of the ratings: who had submitted.
		const submitted = present && (revealed || random.chance(0.6));
		writer.push('conversationParties', {
			id: partyId,
			organisationId,
			conversationId,
			kind: 'participant',
			participantId: participant.id,
			userId: null,
			present: present ? 1 : 0,
			submittedAt: submitted ? startedAt : null,
			claimedAt: null
		});
		if (!submitted) continue;
		rate(partyId, (item) => {
			const value = clamp(random.normal(level + CLIENT_ITEM_OFFSET[item], 9));
			return participant.child ? Math.round(value / 25) * 25 : value;
		});
	}
	const professionalPartyId = randomUUID();
	const professionalSubmitted = revealed || random.chance(0.5);
	writer.push('conversationParties', {
		id: professionalPartyId,
		organisationId,
		conversationId,
		kind: 'professional',
		participantId: null,
		userId: holder.id,
		present: 1,
		submittedAt: professionalSubmitted ? startedAt : null,
		claimedAt: null
	});
	if (professionalSubmitted)
		rate(professionalPartyId, (item) => clamp(random.normal(level + professionalBias + PROFESSIONAL_ITEM_OFFSET[item], 6)));
	counts.conversations += 1;
	if (phase !== 'closed') return { agreement: null };

	if (openAgreement !== null) {
		const roll = random.next();
		const outcome = roll < 0.55 ? 'done' : roll < 0.85 ? 'partly' : 'notDone';
		writer.push('agreementReviews', {
			id: randomUUID(),
			organisationId,
			agreementId: openAgreement.id,
			conversationId,
			outcome,
			note: null,
			carriedOver: 0,
			createdAt: startedAt
		});
		openAgreement.status = outcome;
		counts.reviews += 1;
	}
	const agreement = {
		id: randomUUID(),
		organisationId,
		collaborationId,
		conversationId,
		what: 'Afspraak uit het gesprek',
		who: 'both',
		whoOther: null,
		dueOn: dateOnly(at + 42 * DAY),
		successMeasure: 'We kijken het samen na',
		status: 'open',
		carriedOverFrom: null,
		createdAt: startedAt,
		actionKind: null,
		needed: null
	};
	writer.push('agreements', agreement);
	counts.agreements += 1;
	return { agreement };
}
