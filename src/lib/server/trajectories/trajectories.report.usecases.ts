import { requireAccess } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import type { AppContext } from '../context.ts';
import type { Locale } from '../db/schema.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { renderMonitorCsv } from './trajectories.csv.ts';
import { lazy } from '#lib/server/shared/lazy.ts';
import { buildMonitorReport, type MonitorReport } from './trajectories.report.ts';
import { loadReportSource } from './trajectories.report.repository.ts';

/** pdfkit and the fonts load on the first PDF (decision 023). */
const monitorPdf = lazy(() => import('./trajectories.pdf.ts'));

type Input = { ctx: AppContext; actor: Actor; trajectoryId: string; showNames: boolean };

/** Page, CSV and PDF all come from here, so they show the same consenting participants. */
async function buildReport({ ctx, actor, trajectoryId, showNames }: Input, format: 'page' | 'csv' | 'pdf'): Promise<MonitorReport> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'trajectory.report', ids: [trajectoryId] });
	const source = await loadReportSource(ctx.db, staff.organisationId, trajectoryId);
	if (!source) throw domainError('not_found');
	const report = buildMonitorReport(source, { today: todayInAmsterdam(ctx.clock.now()), showNames });
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		action: format === 'page' ? 'trajectory.report_viewed' : 'trajectory.report_exported',
		target: { type: 'trajectory', id: trajectoryId },
		details: { format, showNames, participants: report.totals.consenting }
	});
	return report;
}

export async function getMonitorReport(input: Input): Promise<MonitorReport> {
	return buildReport(input, 'page');
}

export async function exportMonitorCsv(input: Input & { locale: Locale }): Promise<{ filename: string; body: string }> {
	const report = await buildReport(input, 'csv');
	return { filename: `monitor-${report.generatedOn}.csv`, body: renderMonitorCsv(report, input.locale) };
}

export async function exportMonitorPdf(input: Input & { locale: Locale }): Promise<{ filename: string; body: Uint8Array }> {
	const report = await buildReport(input, 'pdf');
	return { filename: `monitor-${report.generatedOn}.pdf`, body: await (await monitorPdf()).renderMonitorPdf(report, input.locale) };
}
