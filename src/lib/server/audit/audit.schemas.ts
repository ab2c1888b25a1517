import * as v from 'valibot';

/** The paging cursor: an event time as the app writes it (Date.toISOString()). */
export const auditQuerySchema = v.object({
	before: v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'validation_choice')))
});

export type AuditQuery = v.InferOutput<typeof auditQuerySchema>;
