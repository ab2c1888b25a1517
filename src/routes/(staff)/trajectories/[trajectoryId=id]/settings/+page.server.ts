import { redirect } from '@sveltejs/kit';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { addFunction } from '#lib/server/trajectories/trajectories.functions.usecases.ts';
import { getMomentInstrumentSettings, setMomentInstruments } from '#lib/server/trajectories/trajectories.instruments.usecases.ts';
import { saveMeetings } from '#lib/server/trajectories/trajectories.meetings.usecases.ts';
import {
	detailsSchema,
	functionSchema,
	meetingsSchema,
	momentInstrumentsSchema,
	momentsSchema,
	templateSchema
} from '#lib/server/trajectories/trajectories.schemas.ts';
import {
	getTrajectoryForCoordinator,
	saveMoments,
	updateTemplate,
	updateTrajectoryDetails
} from '#lib/server/trajectories/trajectories.usecases.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

/** Details, meetings, moments and the question template of one trajectory. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const input = { ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId };
	const view = await getTrajectoryForCoordinator(input);
	const instruments = await getMomentInstrumentSettings({ ...input, locale: getLocale() });
	return { ...view, instruments, saved: url.searchParams.get('saved') };
};

function saved(trajectoryId: string, what: string): never {
	redirect(303, `/trajectories/${trajectoryId}/settings?saved=${what}#${what}`);
}

export const actions = {
	details: async ({ request, locals, params }) => {
		const form = validateForm(detailsSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await updateTrajectoryDetails({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId, input: form.data });
		} catch (caught) {
			return failFromError(caught, form.data);
		}
		saved(params.trajectoryId, 'details');
	},
	meetings: async ({ request, locals, params }) => {
		const form = validateForm(meetingsSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await saveMeetings({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId, ...form.data });
		} catch (caught) {
			return failFromError(caught);
		}
		saved(params.trajectoryId, 'meetings');
	},
	functions: async ({ request, locals, params }) => {
		const form = validateForm(functionSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await addFunction({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId, name: form.data.functionName });
		} catch (caught) {
			return failFromError(caught, form.data);
		}
		saved(params.trajectoryId, 'functions');
	},
	moments: async ({ request, locals, params }) => {
		const formData = await request.formData();
		const form = validateForm(momentsSchema, formData);
		if (!form.ok) return failValidation(form);
		try {
			await saveMoments({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId, ...form.data });
		} catch (caught) {
			return failFromError(caught, Object.fromEntries([...formData].map(([key, value]) => [key, String(value)])));
		}
		saved(params.trajectoryId, 'moments');
	},
	instruments: async ({ request, locals, params }) => {
		const form = validateForm(momentInstrumentsSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await setMomentInstruments({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId, choices: form.data });
		} catch (caught) {
			return failFromError(caught);
		}
		saved(params.trajectoryId, 'instruments');
	},
	template: async ({ request, locals, params }) => {
		const form = validateForm(templateSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await updateTemplate({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId, ...form.data });
		} catch (caught) {
			return failFromError(caught);
		}
		saved(params.trajectoryId, 'template');
	}
} satisfies Actions satisfies RedirectOnSuccess;
