import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	redirect(303, locals.actor.type === 'staff' ? '/start' : locals.actor.type === 'guest' ? '/trajectories' : '/sign-in');
};
