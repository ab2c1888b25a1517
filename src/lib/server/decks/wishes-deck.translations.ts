import type { DeckTranslations } from './decks.translations.ts';

/** The wish cards in the client languages, keyed by the Dutch text (decks.translations.ts). */
export const WISHES_DECK_TRANSLATIONS: DeckTranslations = {
	Wenskaarten: { ar: 'بطاقات الأمنيات', tr: 'Dilek kartları', pl: 'Karty życzeń', uk: 'Картки побажань' },
	'Twaalf wensen. Je kunt een kaart aan je begeleider geven.': {
		ar: 'اثنتا عشرة أمنية. يمكنك أن تعطي بطاقة لمرشدك.',
		tr: 'On iki dilek. Danışmanına bir kart verebilirsin.',
		pl: 'Dwanaście życzeń. Możesz dać kartę swojemu opiekunowi.',
		uk: 'Дванадцять побажань. Ти можеш дати картку своєму консультантові.'
	},
	'Luisteren zonder oordeel': {
		ar: 'الاستماع دون حكم',
		tr: 'Yargılamadan dinlemek',
		pl: 'Słuchanie bez oceniania',
		uk: 'Слухати без осуду'
	},
	'Wil je zonder oordeel naar me luisteren?': {
		ar: 'هل يمكنك أن تستمع إليّ دون أن تحكم عليّ؟',
		tr: 'Beni yargılamadan dinler misin?',
		pl: 'Czy możesz mnie słuchać bez oceniania?',
		uk: 'Чи можеш ти слухати мене без осуду?'
	},
	'Weten wat er komt': { ar: 'أن أعرف ما سيأتي', tr: 'Ne olacağını bilmek', pl: 'Wiedzieć, co będzie dalej', uk: 'Знати, що буде далі' },
	'Zorg je ervoor dat ik weet wat er te gebeuren staat?': {
		ar: 'هل تتأكد من أنني أعرف ما الذي سيحدث؟',
		tr: 'Ne olacağını bilmemi sağlar mısın?',
		pl: 'Czy zadbasz o to, żeby było dla mnie jasne, co się wydarzy?',
		uk: 'Чи подбаєш ти, щоб мені було відомо, що станеться?'
	},
	'Veilig om te leren': {
		ar: 'الأمان لكي أتعلم',
		tr: 'Öğrenmek için güvende olmak',
		pl: 'Bezpieczna nauka',
		uk: 'Безпечно вчитися'
	},
	'Wil je zorgen dat ik me veilig voel om te leren?': {
		ar: 'هل يمكنك أن تجعلني أشعر بالأمان لكي أتعلم؟',
		tr: 'Öğrenmek için kendimi güvende hissetmemi sağlar mısın?',
		pl: 'Czy zadbasz o to, żeby nauka była dla mnie bezpieczna?',
		uk: 'Чи подбаєш ти, щоб мені було безпечно вчитися?'
	},
	'Serieus nemen': { ar: 'أن تأخذني بجدية', tr: 'Ciddiye almak', pl: 'Poważne traktowanie', uk: 'Серйозне ставлення' },
	'Wil je mij serieus nemen?': {
		ar: 'هل يمكنك أن تأخذني بجدية؟',
		tr: 'Beni ciddiye alır mısın?',
		pl: 'Czy będziesz traktować mnie poważnie?',
		uk: 'Чи будеш ти ставитися до мене серйозно?'
	},
	'Wat ik weet': { ar: 'ما أعرفه', tr: 'Bildiklerim', pl: 'To, co wiem', uk: 'Те, що я знаю' },
	'Wil je mijn deskundigheid serieus nemen?': {
		ar: 'هل يمكنك أن تأخذ خبرتي بجدية؟',
		tr: 'Bilgi ve deneyimimi ciddiye alır mısın?',
		pl: 'Czy poważnie potraktujesz moją wiedzę?',
		uk: 'Чи будеш ти серйозно ставитися до моїх знань?'
	},
	'Wat ik goed doe': { ar: 'ما أفعله جيدًا', tr: 'İyi yaptıklarım', pl: 'To, co robię dobrze', uk: 'Те, що я роблю добре' },
	'Wil je ook oog hebben voor wat ik goed doe?': {
		ar: 'هل يمكنك أن تنتبه أيضًا لما أفعله جيدًا؟',
		tr: 'İyi yaptıklarımı da görür müsün?',
		pl: 'Czy zauważysz też to, co robię dobrze?',
		uk: 'Чи помічатимеш ти й те, що я роблю добре?'
	},
	'Kennis delen': { ar: 'مشاركة المعرفة', tr: 'Bilgi paylaşmak', pl: 'Dzielenie się wiedzą', uk: 'Ділитися знаннями' },
	'Wil je jouw kennis met me delen als ik het zelf niet meer weet?': {
		ar: 'هل تشاركني معرفتك عندما لا أعرف ماذا أفعل؟',
		tr: 'Ben artık bilemediğimde bildiklerini benimle paylaşır mısın?',
		pl: 'Czy podzielisz się ze mną swoją wiedzą, kiedy już nie wiem, co robić?',
		uk: 'Чи поділишся ти зі мною своїми знаннями, коли я вже не знаю, що робити?'
	},
	'Jezelf laten zien': { ar: 'أن تُظهر نفسك', tr: 'Kendini göstermek', pl: 'Pokazać siebie', uk: 'Показати себе' },
	'Ga je ook jezelf laten zien?': {
		ar: 'هل ستُظهر لي من أنت أيضًا؟',
		tr: 'Sen de kendini gösterecek misin?',
		pl: 'Czy pokażesz też, kim jesteś?',
		uk: 'Чи покажеш ти й себе?'
	},
	'Initiatief nemen': { ar: 'المبادرة', tr: 'İlk adımı atmak', pl: 'Pierwszy krok', uk: 'Зробити перший крок' },
	'Wil jij het initiatief nemen?': {
		ar: 'هل يمكنك أن تبادر أنت؟',
		tr: 'İlk adımı sen atar mısın?',
		pl: 'Czy zrobisz pierwszy krok?',
		uk: 'Чи зробиш ти перший крок?'
	},
	'Afspraken onthouden': {
		ar: 'تذكّر المواعيد',
		tr: 'Randevuları hatırlamak',
		pl: 'Pamiętanie o spotkaniach',
		uk: 'Пам’ятати про зустрічі'
	},
	'Wil je me helpen herinneren als we een afspraak hebben?': {
		ar: 'هل يمكنك أن تساعدني على تذكّر مواعيدنا؟',
		tr: 'Bir randevumuz olduğunda hatırlamama yardım eder misin?',
		pl: 'Czy pomożesz mi pamiętać, kiedy mamy spotkanie?',
		uk: 'Чи допоможеш ти мені пам’ятати, коли в нас зустріч?'
	},
	'Ik ben belangrijk': { ar: 'لي قيمة', tr: 'Ben önemliyim', pl: 'Liczę się', uk: 'Я маю значення' },
	'Wil je me laten merken dat ik belangrijk ben?': {
		ar: 'هل يمكنك أن تُشعرني بأن لي قيمة؟',
		tr: 'Önemli olduğumu bana hissettirir misin?',
		pl: 'Czy pokażesz mi, że się liczę?',
		uk: 'Чи покажеш ти мені, що я маю значення?'
	},
	'Tijd om te begrijpen': { ar: 'وقت لكي أفهم', tr: 'Anlamak için zaman', pl: 'Czas, żeby zrozumieć', uk: 'Час, щоб зрозуміти' },
	'Wil je mij de tijd geven om je goed te verstaan?': {
		ar: 'هل يمكنك أن تعطيني الوقت لأفهمك جيدًا؟',
		tr: 'Seni iyi anlamam için bana zaman verir misin?',
		pl: 'Czy dasz mi czas, żeby dobrze cię zrozumieć?',
		uk: 'Чи даси ти мені час, щоб добре тебе зрозуміти?'
	}
};
