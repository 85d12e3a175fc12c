/**
 * Schemas of every content file. They are the single source of truth for the content types (`z.infer`).
 * Error messages are in Vietnamese where the content team reads them.
 */
import { z } from 'zod';

/** Full date YYYY-MM-DD. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), 'Ngày không tồn tại');

/** A date that may be known only to the month or year (documents whose exact day is unknown). */
export const partialDate = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Ngày phải có dạng YYYY-MM-DD, YYYY-MM hoặc YYYY'),
);

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Chỉ dùng chữ thường không dấu, số và dấu gạch ngang');

export const DocumentSchema = z.strictObject({
  id: slug,
  number: z.string().min(3),
  /** How the document is named in English answers, when its number is a Vietnamese description. */
  number_en: z.string().min(3).optional(),
  title: z.string().min(3),
  issuer: z.string().min(2),
  issued: partialDate.nullable(),
  effective: partialDate.nullable(),
  status: z.enum(['in_force', 'superseded', 'ended']),
  /** The text that replaced it (status superseded). */
  superseded_by: slug.optional(),
  /** The text that ended it without replacing it (status ended), e.g. the move of COVID-19 to group B. */
  ended_by: slug.optional(),
  /** Last day it applied (required unless in force). */
  valid_to: isoDate.optional(),
  /** official: a numbered text; press: known only from press reports, cited as "theo thông tin báo chí ngày …". */
  kind: z.enum(['official', 'press']).default('official'),
  link: z.url().optional(),
  note: z.string().optional(),
});
export type OfficialDocument = z.infer<typeof DocumentSchema>;

export const DocumentRegisterSchema = z.strictObject({
  documents: z.array(DocumentSchema).min(1),
});

export const TOPICS = [
  'levels',
  'travel',
  'selftest',
  'home',
  'f1',
  'general',
  'apps',
  'hotline',
  'vaccine',
  'myth',
  'symptoms',
  'community',
  'entry',
  'referral',
  'now',
] as const;
export type Topic = (typeof TOPICS)[number];

export const SourceRefSchema = z.strictObject({
  doc: slug,
  section: z.string().optional(),
});

/** Longest answer body, in characters, so that one chat message holds it. */
export const MAX_ANSWER_CHARS = 900;
/** English says the same in about a fifth more characters. */
export const MAX_ANSWER_CHARS_EN = 1100;

/** Languages a card can be written in. */
export const LANGUAGES = ['vi', 'en'] as const;
/** The line of a card's body after which its English answer starts. */
export const EN_ANSWER_MARKER = '<!-- en -->';

export const CardFrontMatterSchema = z.strictObject({
  id: slug,
  topic: z.enum(TOPICS),
  title: z.string().min(3).max(120),
  questions: z.array(z.string().trim().min(3)).min(5, 'Cần ít nhất 5 cách hỏi'),
  sources: z.array(SourceRefSchema).min(1, 'Thẻ phải có ít nhất một nguồn'),
  valid_from: isoDate,
  valid_to: isoDate.optional(),
  /** The card that states the newer rule (when another rule replaced this one). */
  superseded_by: slug.optional(),
  /** The document that ended this rule without a newer one (e.g. COVID-19 in group B from 20/10/2023). */
  ended_by: slug.optional(),
  /** Sections of the facts sheets the card rests on ("FS1 §5.5", "FS2 §4.3"). */
  facts: z.array(z.string().regex(/^FS[12] §\d+(\.\d+)?$/, 'Dạng "FS1 §5.5" hoặc "FS2 §4"')).default([]),
  /** Confidence of those facts: confirmed [✓]/[2+], single source [1], uncertain [?]. */
  confidence: z.enum(['confirmed', 'single', 'uncertain']).optional(),
  follow_ups: z.array(slug).default([]),
  tags: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  /**
   * Who the card is about, by facet group of `lexicon.yaml` (`facets`): `{ status: [f1], person: [child] }`. A question
   * that names a value of a group the card declares, and none of the card's values, rules the card out. A group left
   * out means the card applies to anyone.
   */
  facets: z.record(z.string(), z.array(z.string()).min(1)).default({}),
  /** The languages the card is written in; Vietnamese always. One card, same id, sources, dates and validity. */
  languages: z.array(z.enum(LANGUAGES)).min(1).default(['vi']),
  /** The English title and phrasings (the English answer follows the `<!-- en -->` line of the body). */
  en: z
    .strictObject({
      title: z.string().min(3).max(120),
      questions: z.array(z.string().trim().min(3)).min(5, 'Cần ít nhất 5 cách hỏi bằng tiếng Anh'),
    })
    .optional(),
});

const answerText = (tooShort: string, max = MAX_ANSWER_CHARS) => z.string().trim().min(20, tooShort).max(max, `Câu trả lời dài quá ${max} ký tự`);

export const CardSchema = CardFrontMatterSchema.extend({
  answer: answerText('Câu trả lời quá ngắn'),
  answer_en: answerText('Câu trả lời tiếng Anh quá ngắn', MAX_ANSWER_CHARS_EN).optional(),
}).superRefine((card, ctx) => {
  const declared = new Set(card.languages);
  if (!declared.has('vi')) ctx.addIssue({ code: 'custom', path: ['languages'], message: 'Thẻ luôn có tiếng Việt: languages phải có "vi"' });
  if (declared.has('en')) {
    if (!card.en) ctx.addIssue({ code: 'custom', path: ['en'], message: 'Thẻ khai báo "en" nhưng thiếu en.title và en.questions' });
    if (!card.answer_en)
      ctx.addIssue({ code: 'custom', path: ['answer_en'], message: 'Thẻ khai báo "en" nhưng thiếu câu trả lời tiếng Anh (sau dòng <!-- en -->)' });
  } else if (card.en || card.answer_en) {
    ctx.addIssue({ code: 'custom', path: ['languages'], message: 'Thẻ có phần tiếng Anh nhưng chưa khai báo languages: [vi, en]' });
  }
});
export type Card = z.infer<typeof CardSchema>;

export const SynonymGroupSchema = z.strictObject({
  canonical: z.string().min(1),
  variants: z.array(z.string().min(1)).min(1),
  note: z.string().optional(),
});

export const ProvinceSchema = z.strictObject({
  id: slug,
  name: z.string().min(2),
  aliases: z.array(z.string().min(1)).default([]),
});
export type Province = z.infer<typeof ProvinceSchema>;

/**
 * Words that tell whether a question is about the COVID-19 guidance at all. `strong` terms are specific to it,
 * `weak` ones are general health or travel words; `off_topic` phrases mark look-alike questions
 * ("que thử thai 2 vạch", "cách ly hôn") that must be declined unless a strong term is present too.
 */
export const DomainSchema = z.strictObject({
  strong: z.array(z.string().min(1)).min(1),
  weak: z.array(z.string().min(1)).default([]),
  off_topic: z.array(z.string().min(1)).default([]),
  /** Phrases of someone checking a rumour ("nghe nói", "có đúng không"): myth cards answer those. */
  rumour_cues: z.array(z.string().min(1)).default([]),
});
export type Domain = z.infer<typeof DomainSchema>;

/**
 * Facets of a question (who it is about): groups of values, each value with the words that name it and, for people,
 * the ages that make it (years; "bé 3 tháng" is 0). Cards declare the values they are about (`facets` in a card).
 */
export const FacetValueSchema = z.strictObject({
  cues: z.array(z.string().min(1)).min(1),
  /** Ages in years, from and to (both included), that name this value ("bố em 72 tuổi" → elderly). */
  ages: z.tuple([z.number().int().min(0), z.number().int().max(150)]).optional(),
});
export const FacetsSchema = z.record(z.string().regex(/^[a-z_]+$/), z.record(z.string().regex(/^[a-z0-9_]+$/), FacetValueSchema));
export type Facets = z.infer<typeof FacetsSchema>;

export const LexiconSchema = z.strictObject({
  domain: DomainSchema,
  /** Facet groups and the Vietnamese words that name each value. */
  facets: FacetsSchema.default({}),
  /** Filler and politeness words ignored by search ("ạ", "ơi", "cho em hỏi"). */
  stopwords: z.array(z.string().min(1)).default([]),
  synonyms: z.array(SynonymGroupSchema),
  provinces: z.array(ProvinceSchema).length(63, 'Cần đủ 63 tỉnh, thành phố (giai đoạn 2021–2022)'),
  /** The same for English questions: their own domain words, filler words and synonyms (matched after stemming). */
  english: z
    .strictObject({
      domain: DomainSchema,
      stopwords: z.array(z.string().min(1)).default([]),
      synonyms: z.array(SynonymGroupSchema).default([]),
      /** The English words for the same facet groups and values (groups and values must be those of `facets`). */
      facets: FacetsSchema.default({}),
    })
    .optional(),
});
export type LexiconFile = z.infer<typeof LexiconSchema>;

/**
 * One province level from a published, dated list: the level on `valid_from` (the list's date), used until
 * `valid_to`, with the list it comes from. Sample rows (`sample: yes`) belong in test fixtures only.
 */
export const LevelRowSchema = z
  .strictObject({
    province: slug,
    level: z.coerce.number().int().min(1).max(4),
    valid_from: isoDate,
    valid_to: isoDate,
    source: z.string().trim().min(10, 'Mỗi dòng phải ghi nguồn: danh sách nào, công bố ngày nào'),
    sample: z.enum(['yes', 'no']).default('no'),
  })
  .refine((r) => r.valid_to >= r.valid_from, { message: 'valid_to đứng trước valid_from', path: ['valid_to'] });
export type LevelRow = z.infer<typeof LevelRowSchema>;

export const EvalQuestionSchema = z.strictObject({
  q: z.string().trim().min(2),
  expect: slug,
});
export const EvalSetSchema = z.strictObject({ questions: z.array(EvalQuestionSchema).min(1) });
export const OutOfScopeSetSchema = z.strictObject({
  questions: z.array(z.strictObject({ q: z.string().trim().min(2) })).min(1),
});
export const ThresholdsSchema = z.strictObject({
  top1: z.number().min(0).max(1),
  top1Unaccented: z.number().min(0).max(1),
  top3: z.number().min(0).max(1),
  mrr: z.number().min(0).max(1),
  oosDeclined: z.number().min(0).max(1),
  /** Emergency triage, on every `eval/triage-*.yaml`: share of alarming messages recognised. */
  triageRecall: z.number().min(0).max(1).default(1),
  /** Emergency triage: share of calm messages flagged, at most. */
  triageFalseAlarms: z.number().min(0).max(1).default(0.02),
  /** Locked question sets (eval/locked-*.yaml), through the whole bot. */
  lockedTop1: z.number().min(0).max(1).default(0.9),
  lockedAnsweredOrChoices: z.number().min(0).max(1).default(0.97),
  /** At most this share answered with a wrong card. */
  lockedConfidentlyWrong: z.number().min(0).max(1).default(0.03),
  lockedNoCardDeclined: z.number().min(0).max(1).default(0.9),
  lockedAccentConsistency: z.number().min(0).max(1).default(0.95),
  /** English locked set (eval/en-locked.yaml), through the whole bot. */
  enLockedTop1: z.number().min(0).max(1).default(0.9),
  enLockedConfidentlyWrong: z.number().min(0).max(1).default(0.03),
  enLockedOutOfScope: z.number().min(0).max(1).default(0.9),
});
export type Thresholds = z.infer<typeof ThresholdsSchema>;

/** Where a triage rule comes from: a document of documents.yaml and its section, or a note for general first aid. */
const TriageBasisSchema = z.union([z.strictObject({ doc: slug, section: z.string().min(2) }), z.strictObject({ note: z.string().min(5) })]);
export type TriageBasis = z.infer<typeof TriageBasisSchema>;

const words = z.array(z.string().min(1));
const range = z.tuple([z.number(), z.number()]);

/**
 * Emergency triage (knowledge/triage.yaml): warning signs as phrases, measurement thresholds by age, and the
 * rules that scope negation, general questions and figurative speech. Thresholds live here, not in code; every
 * sign and threshold names its basis, so staff can read why a message was flagged.
 */
export const TriageSchema = z.strictObject({
  source: slug,
  card: slug,
  rewrite: z.record(z.string().min(1), words).default({}),
  mask: words.default([]),
  negation: z.strictObject({
    not: words.min(1),
    relief: words.default([]),
    ambiguous_relief: words.default([]),
    relief_before: words.default([]),
    relief_after: words.default([]),
    not_cancelled_by: words.default([]),
    boundaries: words.default([]),
    affirmers: words.default([]),
    scope: z.number().int().min(1).max(12).default(6),
    /** Words after a relief word that make it something else: "all over" ("phù hết người"), "off" ("lăn khỏi sofa"). */
    not_relief_before: words.default([]),
    /** Names of medicines with a relief word in them ("thuốc hạ sốt"): that word is no relief. */
    drug_names: words.default([]),
  }),
  general_cues: z.strictObject({
    before: words.default([]),
    anywhere: words.default([]),
    message: words.default([]),
    readings: words.default([]),
    /** Right before a sign: a definition or prevention asked ("thế nào là lơ mơ", "thuốc phòng co giật"). */
    defining: words.default([]),
    /** A threshold asked, then "thì"/"là" ("bao nhiêu cữ thì…"). */
    how_much: words.default([]),
    /** Two conditions compared ("phân biệt", "khác gì"), and the question words after "khác" that do the same. */
    compare: words.default([]),
    compare_how: words.default([]),
    /** The signs after one of these are asked for, not described ("liệt kê những dấu hiệu như…"). */
    list: words.default([]),
    /** Cues of `before` that also tell a mishap right after someone ("em lỡ uống…"): then no condition, unless "thì" follows. */
    mishap: words.default([]),
    /** Acts right after a mishap word that make it told, with nobody before it ("lỡ chặt dao vào chân"). */
    mishap_acts: words.default([]),
    /** Opening a message (its first words): the whole message is a scenario set for practice ("Tình huống giả định: …"). */
    framing: words.default([]),
    /** A plain supposition ("giả sử", "nếu sau này"): a value after it, before the "thì" of its question, is supposed. */
    supposing: words.default([]),
    /** Study or writing about a sign ("báo cáo", "tiểu luận"): a sign right after "về"/"on"/"about" later in its part is its topic. */
    topic: words.default([]),
    /** A question of knowledge ("có phải dấu hiệu", "liên quan đến"): the whole message, when it names nobody, no number, nothing of now. */
    knowledge: words.default([]),
    /** Words that make a message with a `knowledge` cue about someone or now ("em", "giờ", "quá"). */
    knowledge_unless: words.default([]),
  }),
  figurative: z.strictObject({
    before: words.default([]),
    humour: words.default([]),
    /** Words of now after the last laughing word ("hihi … giờ chảy nước miếng", "lol …, now he's gasping"): the joke is over. */
    humour_over: words.default([]),
    stories: words.default([]),
    contexts: words.default([]),
    hyperbole: words.default([]),
    medical: words.default([]),
    /** Phrases people use figuratively; in an everyday setting only these are set aside, any other sign still counts. */
    prone: words.default([]),
    /** A sign told as a sudden event ("tự nhiên xỉu") is never a figure of speech. */
    sudden: words.default([]),
    /** Things that fall ill only in speech: right before a sign, one is its subject ("ví tiền co giật", "ảnh lờ mờ"). */
    things: words.default([]),
  }),
  past: z.strictObject({
    history: words.default([]),
    markers: words.default([]),
    resolved: words.default([]),
    /** Long ago ("năm ngoái", "last year"): over wherever it stands in the part, unless "từ"/"since" opens it. */
    long_ago: words.default([]),
    /** After "đã đỡ": it has come back ("now it's back", "giờ bị lại"), so the episode is not over. */
    recurred: words.default([]),
    /** Said in a later part of the sentence of a sign: the person is already in care ("xe 115 đã chở đi viện rồi"). */
    in_care: words.default([]),
    /** After `in_care`, anywhere later: the care did not hold ("hết chỗ, đang chờ", "cho về", "vẫn"): the sign stands. */
    in_care_undone: words.default([]),
    /** Right after a word of now of `in_care_undone` ("giờ hỏi giấy…"): the writer's question, not a change in the care. */
    asking: words.default([]),
    /** Right before "bị lại": a fear of it coming back ("sợ bị lại"), not a return. */
    worry: words.default([]),
  }),
  people: z.strictObject({
    patient: words.default([]),
    adult: words.default([]),
    child: words.default([]),
    newborn: words.default([]),
    pregnant: words.default([]),
    /** Older people: one of these words (not inside one of `not_elderly`: "bà bầu"), or an age from `elderly_from_years`. */
    elderly: words.default([]),
    not_elderly: words.default([]),
    elderly_from_years: z.number().int().positive().default(60),
    age_owners: words.default([]),
    /** People in general opening a part ("người già bỏ ăn thì…"): with "thì" after the sign, the sign is asked about. */
    groups: words.default([]),
    /** Someone on oxygen therapy ("thở oxy tại nhà", "máy tạo oxy"): for the signs that require it (`requires: oxygen`). */
    on_oxygen: words.default([]),
  }),
  signs: z
    .array(
      z.strictObject({
        id: slug,
        label: z.string().min(2),
        label_en: z.string().min(2),
        basis: TriageBasisSchema,
        requires: z.enum(['child', 'infant', 'pregnant', 'fever', 'elderly', 'oxygen']).optional(),
        /** Never read as figurative or as a general question ("muốn tự tử" is alarming). */
        literal: z.boolean().default(false),
        phrases: words.default([]),
        // biome-ignore lint/suspicious/noThenProperty: `then` is a field of triage.yaml (a pair's second phrase), not a thenable
        pairs: z.array(z.strictObject({ first: words.min(1), then: words.min(1), within: z.number().int().min(1).max(8) })).default([]),
        unless_next: words.default([]),
        /**
         * Later in the message, after the finding, these say it was dealt with ("bé hóc kẹo, vỗ lưng ra được rồi", "gắp ra
         * rồi"): the finding is set aside (other findings still count).
         */
        undone_by: words.default([]),
        /**
         * Groups of words that together make the finding, anywhere in the message, in any order: each entry lists the
         * groups that must all be present (a farewell with a means or a time: "xin lỗi má" + "thuốc chuột" + "chiều ni").
         */
        together: z.array(z.array(words.min(1)).min(2)).default([]),
        /** A temperature stated in the message, all of it under this (°C), sets the finding aside ("sau sinh, sốt 37,8"). */
        fever_from: z.number().min(35).max(43).optional(),
        /**
         * A message made only of these words, with at least one of `words` ("cứu", "cứu với!!", "help", "cấp cứu!
         * tai nạn!"): a cry for help, whatever else the rules read.
         */
        alone: z.strictObject({ words: words.min(1), with: words.default([]) }).optional(),
        /**
         * A count taken at once ("uống 20 viên paracetamol"): a word of `first`, then within `within` words a number from
         * `at_or_above` with a word of `units`; not when the part (between commas) says it is per day (`per`).
         */
        counts: z
          .array(
            z.strictObject({
              first: words.min(1),
              units: words.min(1),
              at_or_above: z.number().int().positive(),
              within: z.number().int().min(1).max(8),
              per: words.default([]),
            }),
          )
          .default([]),
      }),
    )
    .min(1),
  measures: z.strictObject({
    spo2: z.strictObject({
      basis: TriageBasisSchema,
      words: words.min(1),
      weak_words: words.default([]),
      /** What a percent without a SpO2 word may be instead ("độ ẩm 85%", "pin còn 93%", "giảm giá 90%"): then no reading. */
      not_readings: words.default([]),
      alarm_at_or_below: z.number(),
      plausible: range,
      weak_plausible: range,
    }),
    breathing: z.strictObject({
      basis: TriageBasisSchema,
      words: words.min(1),
      bare_words: words.default([]),
      unit_words: words.default([]),
      by_age: z.array(z.strictObject({ under_months: z.number().positive(), at_or_above: z.number(), basis: TriageBasisSchema })).min(1),
      adult_at_or_above: z.number(),
      child_unknown_age_at_or_above: z.number(),
      plausible: range,
    }),
    pulse: z.strictObject({
      basis: TriageBasisSchema,
      words: words.min(1),
      above: z.number(),
      below: z.number(),
      plausible: range,
      adult_from_months: z.number(),
    }),
    blood_pressure: z.strictObject({
      basis: TriageBasisSchema,
      words: words.min(1),
      systolic_words: words.default([]),
      diastolic_words: words.default([]),
      systolic_below: z.number(),
      diastolic_below: z.number(),
      /**
       * Above these (systolic or diastolic), a pressure under the alarm lines is not called "under the warning level":
       * the home-care guidance names only low pressure, so the reply says it is high and to ask a doctor.
       */
      high: z.strictObject({ basis: TriageBasisSchema, systolic_above: z.number(), diastolic_above: z.number() }).optional(),
      /** A pressure this high in a pregnancy or just after a birth (`people.pregnant`): systolic or diastolic at or above. */
      pregnancy: z
        .strictObject({
          basis: TriageBasisSchema,
          systolic_at_or_above: z.number(),
          diastolic_at_or_above: z.number(),
        })
        .optional(),
      /** Anyone: a pressure from these values (a hypertensive crisis) is alarming. */
      crisis: z
        .strictObject({
          basis: TriageBasisSchema,
          systolic_at_or_above: z.number(),
          diastolic_at_or_above: z.number(),
        })
        .optional(),
    }),
    temperature: z.strictObject({
      basis: TriageBasisSchema,
      words: words.min(1),
      child_under_months: z.number(),
      above: z.number(),
      hours: z.number(),
      persisting: words.default([]),
      /**
       * Words that say the fever has gone ("hết sốt", "cắt sốt"): without them, a young child's fever that has lasted
       * `hours` or more is alarming even when no `persisting` word is said ("sốt 72 tiếng rồi", "fever 3 days").
       */
      gone: words.default([]),
      plausible: range,
      /** Above this, a temperature that raises no alarm is still a high fever: the reply gives the home-care advice. */
      fever: z.strictObject({ basis: TriageBasisSchema, above: z.number() }).optional(),
      /** A baby under `under_months` with a temperature from `at_or_above` (measured): alarming whether it comes down or not. */
      infant: z.strictObject({ basis: TriageBasisSchema, under_months: z.number().positive(), at_or_above: z.number() }).optional(),
    }),
  }),
});
export type TriageRules = z.infer<typeof TriageSchema>;

const intent = z.strictObject({
  patterns: z.array(z.string().min(1)).min(1),
  /** Match anywhere in the message (handoff), not only as the whole message. */
  contains: z.boolean().default(false),
  reply: z.string().min(2).optional(),
});

/** One kind of message after an emergency: its patterns (Vietnamese and English) and the reply in each language. */
const afterCase = z.strictObject({ patterns: z.array(z.string().min(2)).min(1), reply: z.string().min(10), reply_en: z.string().min(10) });

/** The assistant's own words: welcome, menu, small talk, fallback (knowledge/conversation.yaml). */
/** Labels inside answers: the as-of line, the source line and press-only facts. */
const AnswerLabelsSchema = z.strictObject({ as_of: z.string().includes('{date}'), source: z.string().min(2), press: z.string().min(2) });
const ValiditySchema = z.strictObject({
  superseded: z.string().includes('{to}').includes('{newer}'),
  ended: z.string().includes('{to}').includes('{ended}'),
  ended_by: z.record(z.string(), z.string().min(10)).default({}),
  not_yet: z.string().includes('{from}'),
});
const FeedbackSchema = z.strictObject({
  up: z.string().min(1).max(20),
  down: z.string().min(1).max(20),
  thanks_up: z.string().min(2),
  thanks_down: z.string().min(2),
});
const with115 = z.string().min(10).includes('115', 'Phải có một dòng gọi 115 khi cấp cứu');

/** The English texts of the assistant (the same messages as the Vietnamese ones above them in the file). */
export const EnglishTextsSchema = z.strictObject({
  welcome: z.string().min(10),
  menu_prompt: z.string().min(2),
  language_switched: z.string().min(5),
  not_text: z.string().min(5),
  fallback: with115,
  turn_error: with115.includes('1900 9095'),
  too_long: z.string().min(10),
  clarify_prompt: z.string().min(2),
  none_of_these: z.strictObject({ label: z.string().min(2).max(24), reply: with115 }),
  no_card: with115,
  facts: z.strictObject({
    labels: z.strictObject({ elderly: z.string().includes('{age}'), chronic: z.string().min(2), pregnant: z.string().min(2) }),
    high_risk_note: z.string().includes('{who}'),
  }),
  reading_ok: z.string().includes('{reading}').includes('{threshold}'),
  reading_high: z.string().includes('{reading}').includes('{threshold}').optional(),
  reading_fever: z.string().includes('{reading}').includes('{threshold}').optional(),
  reading_advice: z.string().min(10),
  also_asked: z.string().includes('{questions}'),
  validity: ValiditySchema,
  feedback: FeedbackSchema,
  intents: z.strictObject({
    greeting: z.string().min(2),
    thanks: z.string().min(2),
    who: z.string().min(2),
    cancel: z.string().min(2),
    handoff: z.string().min(2),
  }),
  labels: AnswerLabelsSchema,
});

export const ConversationSchema = z.strictObject({
  welcome: z.string().min(10),
  /** The card about today (COVID-19 in group B): offered first under an answer whose rule no longer applies today. */
  today_card: slug.optional(),
  /**
   * By topic, the card of what applies today: first among the choices offered for a question asked about today in so
   * many words ("bây giờ"), with no date, whose best card is a rule of the ended period.
   */
  today_by_topic: z.record(z.string(), slug).default({}),
  menu_prompt: z.string().min(2),
  menu: z
    .array(
      z.union([
        z.strictObject({ label: z.string().min(2).max(20), label_en: z.string().min(2).max(20), action: z.literal('travel') }),
        z.strictObject({ label: z.string().min(2).max(20), label_en: z.string().min(2).max(20), card: slug }),
      ]),
    )
    .min(1),
  fallback: z.string().min(10).includes('115', 'Câu trả lời dự phòng phải luôn có một dòng gọi 115 khi cấp cứu'),
  /** Sent when a turn fails: an apology, the hotline and 115. */
  turn_error: z
    .string()
    .min(10)
    .includes('1900 9095', 'Lời xin lỗi khi có lỗi phải có đường dây nóng 1900 9095')
    .includes('115', 'Lời xin lỗi khi có lỗi phải có một dòng gọi 115 khi cấp cứu'),
  clarify_prompt: z.string().min(2),
  facts: z.strictObject({
    pregnant: z.array(z.string().min(2)).min(1),
    chronic: z.array(z.string().min(2)).min(1),
    elderly_from: z.number().int().min(40).max(100),
    note_topics: z.array(z.enum(TOPICS)).default([]),
    labels: z.strictObject({ elderly: z.string().includes('{age}'), chronic: z.string().min(2), pregnant: z.string().min(2) }),
    high_risk_note: z.string().includes('{who}'),
  }),
  follow_up: z.strictObject({
    max_words: z.number().int().min(1).max(40),
    cues: z.array(z.string().min(1)).min(1),
    /** A follow-up with one of these asks about today, whatever time the previous question named ("còn bây giờ?"). */
    now_cues: z.array(z.string().min(1)).default([]),
    /** In a long message, a question sentence with one of these asks about the time its story names ("lúc đó"). */
    then_cues: z.array(z.string().min(1)).default([]),
    /** Phrases with a word of `now_cues` that do not ask about today's rules ("làm gì bây giờ": what to do right away). */
    not_today: z.array(z.string().min(1)).default([]),
    /**
     * A message of at most this many words without a strong word of the domain has no subject of its own ("tiêm mấy
     * mũi", "cần mang giấy tờ gì"): in a conversation it is read with the previous question, as if it had a cue.
     * 0 turns this off.
     */
    subjectless_words: z.number().int().min(0).max(20).default(0),
    /**
     * In a conversation about COVID-19, a message not understood alone is offered the cards of its reading with the
     * previous question when the best scores at least this (instead of "please rephrase"); 0 turns this off.
     */
    rescue_score: z.number().min(0).max(1).default(0),
  }),
  none_of_these: z.strictObject({ label: z.string().min(2).max(24), reply: z.string().includes('115') }),
  /** Reply to a COVID question no card answers: who can answer (a referral), not "please rephrase". */
  no_card: z.string().min(10).includes('115'),
  max_message_chars: z.number().int().min(100).max(4000).default(1000),
  too_long: z.string().min(10),
  /** Short English reply for messages in another language. */
  other_language: z.string().min(10),
  /** Reply to "tiếng Việt" (the language chosen is kept in the conversation). */
  language_switched: z.string().min(5),
  /** Reply to a message without text (an image, a sticker). */
  not_text: z.string().min(5),
  labels: AnswerLabelsSchema,
  /** The emergency reply: a first message of at most 160 characters with a call button, then the details. */
  emergency: z.strictObject({
    call: z.strictObject({ number: z.string().regex(/^\d{3,11}$/), title: z.string().min(2).max(20), title_en: z.string().min(2).max(20) }),
    first: z.string().includes('{sign}').max(120, 'Câu đầu (chưa tính dấu hiệu) tối đa 120 ký tự, để cả tin nhắn dưới 160'),
    first_en: z.string().includes('{sign}').max(120),
    details: z.string().min(10),
    details_en: z.string().min(10),
    signs_intro: z.string().min(5),
    /** The next turns after an emergency: the citizen cannot get through, waits, or feels a little better. */
    after: z.strictObject({
      turns: z.number().int().min(1).max(10),
      cannot_reach: afterCase,
      waiting: afterCase,
      better: afterCase,
      default: z.string().min(10),
      default_en: z.string().min(10),
    }),
  }),
  /** A reading under the alarm thresholds: "{reading}: chưa tới ngưỡng cảnh báo ({threshold})". */
  reading_ok: z.string().includes('{reading}').includes('{threshold}'),
  reading_high: z.string().includes('{reading}').includes('{threshold}').optional(),
  reading_fever: z.string().includes('{reading}').includes('{threshold}').optional(),
  reading_advice: z.string().min(10),
  /** A message that asked two things: the line before the source that offers the other question's answer. */
  also_asked: z.string().includes('{questions}'),
  /**
   * The first line of an answer resting on a rule that no longer applies on the as-of date: replaced by a newer
   * card, or ended (with a sentence per ending document, e.g. the move to group B, and a default).
   */
  validity: ValiditySchema,
  fillers: z.array(z.string().min(1)).default([]),
  feedback: FeedbackSchema,
  intents: z.strictObject({
    greeting: intent.required({ reply: true }),
    thanks: intent.required({ reply: true }),
    who: intent.required({ reply: true }),
    menu: intent,
    cancel: intent.required({ reply: true }),
    handoff: intent.required({ reply: true }),
  }),
  /** The texts in English; without them, English messages get `other_language`. */
  en: EnglishTextsSchema.optional(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const VACCINATION = ['du_lieu', 'chua_du_lieu', 'chua_tiem', 'khoi_benh'] as const;
export type Vaccination = (typeof VACCINATION)[number];

/** Travel rules between areas at different epidemic levels (knowledge/travel-rules.yaml). */
export const TravelRulesSchema = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        id: slug,
        valid_from: isoDate,
        valid_to: isoDate.optional(),
        origin_levels: z.array(z.number().int().min(1).max(4)).min(1),
        /** The rule is for people leaving a locked-down area (vùng phong tỏa), whatever its level. */
        lockdown: z.boolean().default(false),
        vaccination: z.array(z.enum(VACCINATION)).optional(),
        summary: z.string().min(10),
        card: slug,
        sources: z.array(slug).min(1),
      }),
    )
    .min(1),
  local_rules_note: z.string().min(10),
});
export type TravelRules = z.infer<typeof TravelRulesSchema>;
export type TravelRule = TravelRules['rules'][number];
