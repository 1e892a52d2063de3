import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze-text.js';
import { extractEntities } from './entities.js';
import { labelSentiment, SENTIMENT_THRESHOLD, scoreSentiment } from './sentiment.js';
import { countWords } from './words.js';

describe('sentiment', () => {
  it.each([
    ['I love this product, it is great!', 'positive'],
    ['What a wonderful, friendly team.', 'positive'],
    ['I am so happy 😀🎉', 'positive'],
    ['Not bad at all, I would buy it again.', 'positive'],
    ['This is not good at all.', 'negative'],
    ['Terrible service 😡 never again', 'negative'],
    ['The update broke everything and support was useless.', 'negative'],
    ['I do not like it.', 'negative'],
    ['The meeting is at 5pm in room 4.', 'neutral'],
    ['The report has twelve pages and three tables.', 'neutral'],
  ] as const)('%s -> %s', (text, label) => {
    const score = scoreSentiment(text);
    expect(score).toBeGreaterThanOrEqual(-1);
    expect(score).toBeLessThanOrEqual(1);
    expect(labelSentiment(score)).toBe(label);
  });

  it('keeps three decimals of the score, not clamping a mild one to 1', () => {
    const score = scoreSentiment('The food was good.');
    expect(score).toBeGreaterThan(0.05);
    expect(score).toBeLessThan(1);
    expect(Math.round(score * 1000) / 1000).toBe(score);
  });

  it('flips a positive word under negation', () => {
    expect(scoreSentiment('This is good.')).toBeGreaterThan(0);
    expect(scoreSentiment('This is not good.')).toBeLessThan(0);
  });

  it('leaves a score as it is under an intensifier (the lite lexicon has none)', () => {
    expect(scoreSentiment('This is very good.')).toBe(scoreSentiment('This is good.'));
  });

  it('labels by the documented thresholds', () => {
    expect(labelSentiment(SENTIMENT_THRESHOLD)).toBe('positive');
    expect(labelSentiment(SENTIMENT_THRESHOLD - 0.001)).toBe('neutral');
    expect(labelSentiment(0)).toBe('neutral');
    expect(labelSentiment(-SENTIMENT_THRESHOLD + 0.001)).toBe('neutral');
    expect(labelSentiment(-SENTIMENT_THRESHOLD)).toBe('negative');
  });
});

describe('countWords', () => {
  it.each([
    ['Hello, world!', 2],
    ['  spaced   out\ttext\n', 3],
    ["Don't stop-believing.", 3],
    ['Café déjà vu — très bien', 5],
    ['I am so happy 😀🎉', 4],
    ['東京は晴れです', 4],
    ['', 0],
    ['... !!! ---', 0],
  ])('%j has %i words', (text, count) => {
    expect(countWords(text)).toBe(count);
  });
});

describe('extractEntities', () => {
  it('finds people, places and organizations with offsets into the text', () => {
    const text =
      'Barack Obama visited Paris with Microsoft executives. Angela Merkel met them in Berlin.';
    expect(extractEntities(text)).toEqual([
      { text: 'Barack Obama', type: 'person', start: 0, end: 12 },
      { text: 'Paris', type: 'place', start: 21, end: 26 },
      { text: 'Microsoft', type: 'organization', start: 32, end: 41 },
      { text: 'Angela Merkel', type: 'person', start: 54, end: 67 },
      { text: 'Berlin', type: 'place', start: 80, end: 86 },
    ]);
  });

  it('counts offsets in UTF-16 code units after emoji and accents', () => {
    const text = '🎉🎉 Yesterday Émile Zola flew to Paris.';
    const entities = extractEntities(text);
    expect(entities.map((entity) => [entity.type, entity.text])).toEqual([
      ['person', 'Émile Zola'],
      ['place', 'Paris'],
    ]);
    for (const entity of entities) expect(text.slice(entity.start, entity.end)).toBe(entity.text);
  });

  it('stops a name at punctuation', () => {
    const text = '"Tim Cook" (Apple) spoke in New York City.';
    const person = extractEntities(text).find((entity) => entity.type === 'person');
    expect(person).toEqual({ text: 'Tim Cook', type: 'person', start: 1, end: 9 });
  });

  it.each([
    ['We flew to Paris, France.', ['Paris']],
    ['Then Tom (Hanks) left.', ['Tom']],
    ['Mary  Jane Watson came.', ['Mary  Jane Watson']],
    ['Jean-Luc Picard spoke.', ['Jean-Luc Picard']],
  ])('joins the terms of a name across spaces and hyphens only: %s', (text, names) => {
    expect(extractEntities(text).map((entity) => entity.text)).toEqual(names);
  });

  it('finds nothing in a text without names', () => {
    expect(extractEntities('the cat sat on the mat and purred.')).toEqual([]);
  });
});

describe('analyzeText', () => {
  const text =
    'Ada Lovelace wrote the first program in London, and the team at Acme Corp is not unhappy with it at all.';

  it('returns entities only when asked', () => {
    expect(analyzeText({ text, extract_entities: false })).not.toHaveProperty('entities');
    expect(analyzeText({ text, extract_entities: true }).entities).toEqual([
      { text: 'Ada Lovelace', type: 'person', start: 0, end: 12 },
      { text: 'London', type: 'place', start: 40, end: 46 },
      { text: 'Acme Corp', type: 'organization', start: 64, end: 73 },
    ]);
  });

  it('scores, labels and counts', () => {
    expect(analyzeText({ text: 'This is not good at all.', extract_entities: false })).toEqual({
      sentiment_score: expect.any(Number),
      sentiment_label: 'negative',
      word_count: 6,
    });
  });
});
