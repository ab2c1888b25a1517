import type { DialectMigration } from './types.ts';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-collaborations-and-quick-check.ts';
import * as m0003 from './0003-learning-conversations.ts';
import * as m0004 from './0004-jobs.ts';
import * as m0007 from './0007-session-feedback.ts';
import * as m0008 from './0008-insights.ts';
import * as m0009 from './0009-trajectories.ts';
import * as m0010 from './0010-background-indexes.ts';
import * as m0011 from './0011-insights-published-figures.ts';
import * as m0012 from './0012-link-devices.ts';
import * as m0015 from './0015-review-choices.ts';
import * as m0016 from './0016-audit-pseudonymisation.ts';
import * as m0017 from './0017-erasure-requests.ts';
import * as m0018 from './0018-collaboration-handovers.ts';
import * as m0019 from './0019-staff-deletion.ts';
import * as m0022 from './0022-flash-entries.ts';
import * as m0023 from './0023-trajectory-monitor.ts';
import * as m0024 from './0024-learning-equality.ts';
import * as m0025 from './0025-reflections-noted-by-professional.ts';
import * as m0026 from './0026-access-log.ts';
import * as m0027 from './0027-identity-providers.ts';
import * as m0028 from './0028-quick-check-instrument.ts';
import * as m0029 from './0029-paper-entry.ts';
import * as m0030 from './0030-client-languages.ts';
import * as m0032 from './0032-trajectory-instruments.ts';
import * as m0033 from './0033-session-feedback-instrument.ts';
import * as m0034 from './0034-trajectory-client-consent.ts';
import * as m0035 from './0035-paper-preparation.ts';
import * as m0036 from './0036-guest-language.ts';
import * as m0037 from './0037-instrument-text-answers.ts';
import * as m0038 from './0038-paper-sheets.ts';
import * as m0039 from './0039-feedback-text-answers.ts';
import * as m0040 from './0040-erasure-tombstones.ts';
import * as m0041 from './0041-end-conversations-of-closed-collaborations.ts';
import * as m0042 from './0042-link-release.ts';
import * as m0043 from './0043-provider-verifies-addresses.ts';

/**
 * Every migration, statically imported so the production build needs no file scanning.
 * Names sort in the order they must run; a published migration never changes.
 */
export const migrations: Record<string, DialectMigration> = {
	'0001-foundation': m0001,
	'0002-collaborations-and-quick-check': m0002,
	'0003-learning-conversations': m0003,
	'0004-jobs': m0004,
	'0007-session-feedback': m0007,
	'0008-insights': m0008,
	'0009-trajectories': m0009,
	'0010-background-indexes': m0010,
	'0011-insights-published-figures': m0011,
	'0012-link-devices': m0012,
	'0015-review-choices': m0015,
	'0016-audit-pseudonymisation': m0016,
	'0017-erasure-requests': m0017,
	'0018-collaboration-handovers': m0018,
	'0019-staff-deletion': m0019,
	'0022-flash-entries': m0022,
	'0023-trajectory-monitor': m0023,
	'0024-learning-equality': m0024,
	'0025-reflections-noted-by-professional': m0025,
	'0026-access-log': m0026,
	'0027-identity-providers': m0027,
	'0028-quick-check-instrument': m0028,
	'0029-paper-entry': m0029,
	'0030-client-languages': m0030,
	'0032-trajectory-instruments': m0032,
	'0033-session-feedback-instrument': m0033,
	'0034-trajectory-client-consent': m0034,
	'0035-paper-preparation': m0035,
	'0036-guest-language': m0036,
	'0037-instrument-text-answers': m0037,
	'0038-paper-sheets': m0038,
	'0039-feedback-text-answers': m0039,
	'0040-erasure-tombstones': m0040,
	'0041-end-conversations-of-closed-collaborations': m0041,
	'0042-link-release': m0042,
	'0043-provider-verifies-addresses': m0043
};
