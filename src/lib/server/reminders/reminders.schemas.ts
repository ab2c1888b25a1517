import * as v from 'valibot';

/**
 * The payload of a 'mail' job: who gets which mail, by ids. Parameters are ids, dates, codes,
 * numbers and booleans — a string with spaces, '@' or markup is refused — so no name, address
 * or typed text of a client ever waits in the queue; the mail is written when it is sent.
 */
const token = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:-]{1,100}$/));

export const mailParamsSchema = v.record(token, v.union([token, v.number(), v.boolean(), v.null()]));

export const mailRecipientSchema = v.variant('type', [
	v.object({ type: v.literal('staff'), userId: token }),
	v.object({ type: v.literal('participant'), collaborationId: token, participantId: token })
]);

export const mailJobPayloadSchema = v.object({
	template: token,
	organisationId: token,
	recipient: mailRecipientSchema,
	params: mailParamsSchema
});

export type MailParams = v.InferOutput<typeof mailParamsSchema>;
export type MailRecipientRef = v.InferOutput<typeof mailRecipientSchema>;
export type MailJobPayload = v.InferOutput<typeof mailJobPayloadSchema>;
