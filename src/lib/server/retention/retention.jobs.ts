import { systemActor } from '../access/actor.ts';
import { enqueueJob, type JobHandler } from '../shared/jobs.ts';
import type { Schedule } from '../shared/jobs.runner.ts';
import { runRetentionSweep } from './retention.usecases.ts';

/**
 * Retention through the job runner (docs/decisions/005-job-runner.md): every instance's schedule
 * queues one sweep per hour under the same dedupe key, so one instance runs it. A sweep that
 * dies half-way is claimed again after its lease and continues; each erasure is one transaction.
 */

export const RETENTION_SWEEP_KIND = 'retention.sweep';

export const retentionSweepHandler: JobHandler = async ({ ctx, job, signal }) => {
	const result = await runRetentionSweep({ ctx, actor: systemActor, signal });
	ctx.logger.info({ event: 'retention.swept', jobId: job.id, ...result }, 'retention run');
};

export const retentionSchedule: Schedule = {
	name: 'retention.sweep',
	everyMs: 15 * 60_000,
	async run(ctx) {
		const hour = ctx.clock.now().toISOString().slice(0, 13);
		const added = await enqueueJob({
			ctx,
			kind: RETENTION_SWEEP_KIND,
			payload: {},
			dedupeKey: `${RETENTION_SWEEP_KIND}:${hour}`,
			maxAttempts: 3
		});
		return added ? 1 : 0;
	}
};
