import type { BuiltInInstrument } from './instruments.models.ts';
import { samenSterkerV1 } from './samen-sterker-v1.ts';

/**
 * Session feedback, version 1: four short questions about the last regular session, in the
 * spirit of the Session Rating Scale (relationship, goals and topics, approach, overall) but in
 * our own B1 words — the SRS itself is licensed; an organisation that holds a licence loads it
 * as an instrument of its own. About a minute on a phone. The professional does not rate: the
 * "professional" wording is how the professional reads the participant's answer.
 * Published versions never change: a new wording is version 2 beside this file.
 */
export const sessionFeedbackV1: BuiltInInstrument = {
	key: 'session-feedback',
	version: 1,
	method: 'sessionFeedback',
	content: {
		name: { nl: 'Feedback op het gesprek', en: 'Session feedback' },
		items: [
			{
				key: 'relationship',
				pictogram: 'heart-handshake',
				label: { nl: 'Gehoord en begrepen', en: 'Heard and understood' },
				wording: {
					adult: { nl: 'Voelde ik me gehoord, begrepen en gerespecteerd?', en: 'Did I feel heard, understood and respected?' },
					child: { nl: 'Werd er goed naar jou geluisterd?', en: 'Did people listen well to you?' },
					professional: {
						nl: 'Voelde de deelnemer zich gehoord, begrepen en gerespecteerd?',
						en: 'Did the participant feel heard, understood and respected?'
					}
				}
			},
			{
				key: 'goals',
				pictogram: 'target',
				label: { nl: 'Doelen en onderwerpen', en: 'Goals and topics' },
				wording: {
					adult: { nl: 'Hebben we gewerkt aan wat ik wilde bespreken?', en: 'Did we work on what I wanted to talk about?' },
					child: { nl: 'Hebben we gepraat over wat jij wilde?', en: 'Did we talk about what you wanted?' },
					professional: { nl: 'Hebben we gewerkt aan wat de deelnemer wilde?', en: 'Did we work on what the participant wanted?' }
				}
			},
			{
				key: 'approach',
				pictogram: 'route',
				label: { nl: 'Aanpak', en: 'Approach' },
				wording: {
					adult: { nl: 'Paste de manier van werken bij mij?', en: 'Did the way we worked suit me?' },
					child: { nl: 'Vond je het fijn hoe we het deden?', en: 'Did you like how we did it?' },
					professional: { nl: 'Paste onze manier van werken bij de deelnemer?', en: 'Did our way of working suit the participant?' }
				}
			},
			{
				key: 'overall',
				pictogram: 'star',
				label: { nl: 'Het gesprek', en: 'The session' },
				wording: {
					adult: { nl: 'Hoe was het gesprek van vandaag?', en: "How was today's session?" },
					child: { nl: 'Hoe vond je het vandaag?', en: 'How was it today?' },
					professional: { nl: 'Hoe was het gesprek van vandaag voor de deelnemer?', en: "How was today's session for the participant?" }
				}
			}
		],
		scale: {
			min: { nl: 'niet goed', en: 'not good' },
			max: { nl: 'heel goed', en: 'very good' }
		},
		// The same five smileys as the quick check, so a child sees what it knows.
		smileys: structuredClone(samenSterkerV1.content.smileys),
		// No item uses the plan term; the content shape has it for every instrument.
		planTerms: structuredClone(samenSterkerV1.content.planTerms)
	}
};
