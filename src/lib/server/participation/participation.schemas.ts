import * as v from 'valibot';
import { HANDOVER_PIN_PATTERN, isGuessablePin } from './participation.policy.ts';

/** Any text up to a sane length: whether it is a code that works is the usecase's answer, never the form's. */
const joinCode = v.pipe(
	v.string('validation_required'),
	v.trim(),
	v.nonEmpty('validation_required'),
	v.maxLength(32, 'validation_too_long')
);

const id = v.pipe(v.string('validation_choice'), v.trim(), v.nonEmpty('validation_choice'), v.maxLength(64, 'validation_choice'));

export const joinCodeSchema = v.object({ code: joinCode });

/** `key`: the QR code's key (join-key.ts), when the code came from it; a malformed one counts as none. */
export const claimSchema = v.object({ code: joinCode, partyId: id, key: v.optional(v.string(), '') });

export const partySchema = v.object({
	conversationId: id,
	partyId: id,
	next: v.optional(v.pipe(v.string(), v.maxLength(500)), '')
});

const password = v.pipe(v.string('validation_required'), v.nonEmpty('validation_required'), v.maxLength(200, 'validation_too_long'));

/** Typed on the way back: any 4–8 digits; whether they are the right ones is the usecase's answer. */
export const pinSchema = v.object({
	pin: v.pipe(v.string('validation_required'), v.trim(), v.regex(HANDOVER_PIN_PATTERN, 'validation_pin'))
});

export const passwordSchema = v.object({ password });

export const setPinSchema = v.object({
	pin: v.pipe(
		v.string('validation_required'),
		v.trim(),
		v.regex(HANDOVER_PIN_PATTERN, 'validation_pin'),
		v.check((pin) => !isGuessablePin(pin), 'validation_pin_guessable')
	),
	password
});
