import type { BuiltInInstrument } from './instruments.models.ts';

/**
 * Samen Sterker, version 1: five questions about the collaboration (omgang, luisteren,
 * contact, plan, afspraken), in our own B1 wording after the method's description (seed 003).
 * Published versions never change: to change a word, add version 2 beside this file and list
 * it in BUILT_IN_INSTRUMENTS; ratings given with version 1 keep version 1's words.
 */
export const samenSterkerV1: BuiltInInstrument = {
	key: 'samenSterker',
	version: 1,
	method: 'quickCheck',
	content: {
		name: { nl: 'Samen Sterker', en: 'Samen Sterker (Stronger Together)' },
		items: [
			{
				key: 'omgang',
				pictogram: 'handshake',
				label: { nl: 'Omgang', en: 'Getting along' },
				wording: {
					adult: { nl: 'Hoe gaan we met elkaar om?', en: 'How do we treat each other?' },
					child: { nl: 'Hoe doen we samen?', en: 'How do we get on together?' },
					professional: { nl: 'Hoe ervaar ik onze omgang?', en: 'How do I feel about the way we treat each other?' }
				}
			},
			{
				key: 'luisteren',
				pictogram: 'ear',
				label: { nl: 'Luisteren', en: 'Listening' },
				wording: {
					adult: { nl: 'Luisteren we goed naar elkaar?', en: 'Do we listen well to each other?' },
					child: { nl: 'Luisteren we goed naar jou?', en: 'Do we listen well to you?' },
					professional: { nl: 'Hoe ervaar ik hoe we naar elkaar luisteren?', en: 'How do I feel about the way we listen to each other?' }
				}
			},
			{
				key: 'contact',
				pictogram: 'phone',
				label: { nl: 'Contact', en: 'Contact' },
				wording: {
					adult: { nl: 'Hoe gaat het contact tussen ons?', en: 'How is the contact between us?' },
					child: { nl: 'Zien en spreken we elkaar genoeg?', en: 'Do we see and talk to each other enough?' },
					professional: { nl: 'Hoe ervaar ik ons contact?', en: 'How do I feel about our contact?' }
				}
			},
			{
				key: 'plan',
				pictogram: 'clipboard-list',
				label: { nl: '{plan}', en: '{plan}' },
				wording: {
					adult: { nl: 'Werken we goed samen aan het {plan}?', en: 'Do we work well together on the {plan}?' },
					child: { nl: 'Werken we samen aan de goede dingen?', en: 'Do we work together on the right things?' },
					professional: { nl: 'Hoe ervaar ik ons werk aan het {plan}?', en: 'How do I feel about our work on the {plan}?' }
				}
			},
			{
				key: 'afspraken',
				pictogram: 'calendar-check',
				label: { nl: 'Afspraken', en: 'Agreements' },
				wording: {
					adult: { nl: 'Doen we wat we met elkaar afspreken?', en: 'Do we do what we agree with each other?' },
					child: { nl: 'Doen we wat we hebben afgesproken?', en: 'Do we do what we said we would do?' },
					professional: { nl: 'Hoe ervaar ik hoe we ons aan afspraken houden?', en: 'How do I feel about the way we keep our agreements?' }
				}
			}
		],
		scale: {
			min: { nl: 'ontevreden', en: 'not satisfied' },
			max: { nl: 'tevreden', en: 'satisfied' }
		},
		smileys: [
			{ value: 0, pictogram: 'face-angry', label: { nl: 'Heel slecht', en: 'Very bad' } },
			{ value: 25, pictogram: 'face-slightly-frowning', label: { nl: 'Niet goed', en: 'Not good' } },
			{ value: 50, pictogram: 'face-neutral', label: { nl: 'Gaat wel', en: 'Okay' } },
			{ value: 75, pictogram: 'face-slightly-smiling', label: { nl: 'Goed', en: 'Good' } },
			{ value: 100, pictogram: 'face-grinning', label: { nl: 'Heel goed', en: 'Very good' } }
		],
		planTerms: {
			familyPlan: { nl: 'gezinsplan', en: 'family plan' },
			actionPlan: { nl: 'plan van aanpak', en: 'plan of action' },
			supportPlan: { nl: 'ondersteuningsplan', en: 'support plan' },
			plan: { nl: 'plan', en: 'plan' }
		}
	}
};
