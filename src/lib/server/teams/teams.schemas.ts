import * as v from 'valibot';
import { requiredText } from '../shared/validation.ts';

const id = v.pipe(v.string('validation_required'), v.nonEmpty('validation_required'), v.maxLength(64, 'validation_choice'));

export const createTeamSchema = v.object({ name: requiredText(80) });

export const teamMemberSchema = v.object({
	teamId: id,
	userId: id,
	role: v.picklist(['member', 'lead'], 'validation_choice')
});

export const removeTeamMemberSchema = v.object({ teamId: id, userId: id });
