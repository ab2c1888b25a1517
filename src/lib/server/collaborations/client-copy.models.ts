import { accessActorLabel, accessRoleLabel, accessWhatLabel } from '#lib/access-log-labels.ts';
import { answerModeOf, answerSentence, evaluationScale, smileyOf, toLinePoint } from '#lib/answer-scale.ts';
import type { ClientLocale, ConversationPhase } from '#lib/server/db/schema.ts';
import { methodLabel, outcomeLabel, safetyLabel, whoLabel } from '#lib/server/reports/reports.models.ts';
import { canCopyAnswerInWords } from './client-copy.policy.ts';
import {
	CLIENT_COPY_FORMAT,
	CLIENT_COPY_VERSION,
	type ClientCopy,
	type CopyAgreement,
	type CopyAnswer,
	type CopyAnswerInWords,
	type CopyConversation,
	type CopyScore,
	type CopySource,
	type CopySourceConversation
} from './client-copy.types.ts';

/** Building the client's copy (its shape: client-copy.types.ts) from what was loaded for it. */

function statusOf(phase: ConversationPhase): CopyConversation['status'] {
	return phase === 'closed' ? 'closed' : phase === 'abandoned' ? 'abandoned' : 'running';
}

function answerOf(source: CopySourceConversation, rating: CopySourceConversation['ratings'][number], locale: ClientLocale): CopyAnswer[] {
	const instrument = source.instrument;
	const party = source.parties.find((p) => p.id === rating.partyId);
	const item = instrument?.items.find((i) => i.key === rating.itemKey);
	if (!instrument || !party || !item) return [];
	const mode = answerModeOf(party.audience);
	const smiley = smileyOf(rating.value, instrument.scale, mode);
	const smileyIndex = smiley ? instrument.scale.smileys.indexOf(smiley) : -1;
	return [
		{
			by: party.id === source.ownPartyId ? 'you' : party.kind,
			name: party.name,
			itemKey: item.key,
			item: item.label,
			question: item.text,
			mode: smiley ? 'smiley' : 'line',
			point: smiley ? smileyIndex + 1 : toLinePoint(rating.value, instrument.scale.points),
			points: smiley ? instrument.scale.smileys.length : instrument.scale.points,
			text: answerSentence(rating.value, instrument.scale, mode, locale)
		}
	];
}

function wordsOf(source: CopySourceConversation, entry: NonNullable<CopySourceConversation['texts']>[number]): CopyAnswerInWords[] {
	const party = source.parties.find((p) => p.id === entry.partyId);
	if (!source.instrument || !party) return [];
	return source.instrument.items.flatMap((item) => {
		const given = entry.texts[item.key];
		if (!item.answer || given === undefined) return [];
		// Another party's typed words are theirs, also once revealed; their chosen options are answers.
		if (!canCopyAnswerInWords({ ownPartyId: source.ownPartyId, answerPartyId: party.id, typed: item.answer.type !== 'choice' })) return [];
		const text = item.answer.type === 'choice' ? (item.answer.options.find((o) => o.code === given)?.label ?? given) : given;
		return [
			{
				by: party.id === source.ownPartyId ? 'you' : party.kind,
				name: party.name,
				itemKey: item.key,
				item: item.label,
				question: item.text,
				text
			}
		];
	});
}

/** In the order of the questionnaire; per question the participant first, then the others as the conversation lists them. */
function sortAnswers<T extends Pick<CopyAnswer, 'itemKey' | 'by' | 'name'>>(source: CopySourceConversation, answers: T[]): T[] {
	const itemIndex = (a: T) => source.instrument?.items.findIndex((item) => item.key === a.itemKey) ?? 0;
	const byIndex = (a: T) => ['you', 'participant', 'professional'].indexOf(a.by);
	const nameIndex = (a: T) => source.parties.findIndex((p) => p.name === a.name);
	return answers.toSorted((a, b) => itemIndex(a) - itemIndex(b) || byIndex(a) - byIndex(b) || nameIndex(a) - nameIndex(b));
}

function scoreOf(value: number | null, field: 'clarity' | 'overall', locale: ClientLocale): CopyScore | null {
	if (value === null) return null;
	const scale = evaluationScale(field, locale);
	return { point: toLinePoint(value, scale.points), points: scale.points, text: answerSentence(value, scale, 'line', locale) };
}

function agreementOf(agreement: CopySourceConversation['agreements'][number], locale: ClientLocale): CopyAgreement {
	return {
		what: agreement.what,
		kind: agreement.actionKind ?? null,
		who: agreement.who,
		whoLabel: whoLabel(agreement, null, locale),
		dueOn: agreement.dueOn,
		successMeasure: agreement.successMeasure,
		needed: agreement.needed ?? null,
		status: agreement.status,
		statusLabel: outcomeLabel(agreement.status, locale),
		madeAt: agreement.createdAt,
		carriedOver: agreement.carriedOverFrom !== null,
		reviews: agreement.reviews.map((review) => ({
			reviewedAt: review.createdAt,
			outcome: review.outcome,
			outcomeLabel: outcomeLabel(review.outcome, locale),
			note: review.note,
			carriedOver: review.carriedOver
		}))
	};
}

function conversationOf(source: CopySourceConversation, locale: ClientLocale): CopyConversation {
	const itemLabel = (key: string) => source.instrument?.items.find((item) => item.key === key)?.label ?? key;
	const prep = source.preparation;
	return {
		method: source.method,
		methodLabel: methodLabel(source.method, locale),
		status: statusOf(source.phase),
		startedAt: source.startedAt,
		endedAt: source.endedAt,
		plannedOn: source.scheduledOn,
		summary: source.summary,
		instrument: source.instrument && {
			name: source.instrument.name,
			version: source.instrument.version,
			scale: { min: source.instrument.scale.min, max: source.instrument.scale.max, points: source.instrument.scale.points }
		},
		answers: sortAnswers(
			source,
			source.ratings.flatMap((rating) => answerOf(source, rating, locale))
		),
		// In the same order as the ratings, whatever order the database gives the parties' rows in.
		answersInWords: sortAnswers(
			source,
			(source.texts ?? []).flatMap((entry) => wordsOf(source, entry))
		),
		reflections: source.reflections.map((r) => ({ ...r, item: itemLabel(r.itemKey) })),
		reviewChoices: source.reviewChoices.map((c) => ({ ...c, outcomeLabel: outcomeLabel(c.outcome, locale) })),
		preparation: prep && {
			private: prep.sharedAt === null,
			sharedAt: prep.sharedAt,
			updatedAt: prep.updatedAt,
			wishes: prep.wishes,
			cards: prep.cards,
			moment: { whatHappened: prep.momentA, whatItDidToMe: prep.momentB, whyImportant: prep.momentC },
			safety: prep.safety.map((key) => safetyLabel(key, locale)),
			safetyOwnWords: prep.safetyOwn
		},
		safety: source.safety && { chosen: source.safety.suggestions.map((key) => safetyLabel(key, locale)), ownWords: source.safety.ownWords },
		topics: source.topics,
		sheets: source.sheets.map((s) => ({
			topic: s.topic,
			whatHappened: s.aText,
			whatItDidToMe: s.bText,
			whyImportant: s.cText,
			onPaperFilledOn: s.paperFilledOn ?? null
		})),
		wishCards: source.wishes,
		recordingMoments: source.moments,
		evaluation: source.evaluation && {
			clarity: scoreOf(source.evaluation.clarity, 'clarity', locale),
			overall: scoreOf(source.evaluation.overall, 'overall', locale),
			remark: source.evaluation.remark
		},
		agreements: source.agreements.map((a) => agreementOf(a, locale))
	};
}

/** The copy in the reader's language, from what was loaded for it. */
export function buildClientCopy(source: CopySource): ClientCopy {
	const { locale, participant } = source;
	return {
		format: CLIENT_COPY_FORMAT,
		version: CLIENT_COPY_VERSION,
		generatedAt: source.generatedAt,
		language: locale,
		organisation: { name: source.organisationName },
		collaboration: source.collaboration,
		participant: {
			name: participant.displayName,
			audience: participant.audience,
			language: participant.locale,
			email: participant.email,
			addedAt: participant.createdAt,
			removedAt: participant.removedAt
		},
		conversations: source.conversations.map((conversation) => conversationOf(conversation, locale)),
		personalLinks: source.links,
		accessLog: source.access.map((entry) => ({
			at: entry.occurredAt,
			// A participant's device by role only: the reference the admin's log gives is no help to the
			// client, and would tell them apart from the others in their family by nothing they know.
			who: accessActorLabel({ ...entry, actorParticipantId: null }, locale),
			role: entry.actorRole ?? 'unknown',
			roleLabel: accessRoleLabel(entry.actorRole, locale),
			action: entry.action === 'access.change' ? 'change' : 'view',
			data: entry.targetType ?? 'unknown',
			dataLabel: accessWhatLabel(entry, locale)
		}))
	};
}
