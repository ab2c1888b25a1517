/**
 * What one may need to feel safe in a learning conversation, as fixed keys (labels: messages
 * `prep_safety_<key>`). Preparations (preparations.safety_json) and the conversation's safety
 * step (conversation_safety.suggestions_json) store these keys. Shared by server and pages.
 */
export const SAFETY_SUGGESTIONS = [
	'letFinish',
	'noJudging',
	'askAnything',
	'mayPass',
	'mayPause',
	'noConsequences',
	'staysBetweenUs',
	'takeTime',
	'bringSomeone',
	'writeDownTogether'
] as const;
export type SafetySuggestion = (typeof SAFETY_SUGGESTIONS)[number];
