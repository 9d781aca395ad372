import { symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/deck/content-problem.js';
import { loadDeck } from '../../src/core/deck/loader.js';
import { copyFixture, problemsOf, type TempContent } from './fixture-content.js';

let content: TempContent | undefined;
afterEach(() => {
  content?.remove();
  content = undefined;
});

describe('the loader refuses decks a newcomer could not study', () => {
  it('refuses a deck with no questions, naming questions.yaml', () => {
    content = copyFixture();
    content.write('questions.yaml', 'questions: []\n');
    const dir = content.deckDir;
    const problems = problemsOf(() => loadDeck(dir));
    expect(problems).toContainEqual(
      expect.objectContaining({ file: expect.stringMatching(/questions\.yaml$/), message: 'the deck has no questions (a deck needs at least one)' }),
    );
    expect(path.basename(dir)).toBe('mini-kms');
  });
});

describe('problems quote content safely', () => {
  it('formatProblem escapes control and bidi-override characters', () => {
    const line = formatProblem({ file: 'decks/x/questions.yaml', itemId: 'q-1', field: 'tags[0]', message: 'unknown tag "\x1b[31mred\u202e"' });
    expect(line).toBe('decks/x/questions.yaml: item "q-1", field "tags[0]": unknown tag "\\x1b[31mred\\u202e"');
  });
});

describe('the loader refuses files it should not read', () => {
  it('refuses a deck file that is a symlink to a device, naming the file', () => {
    content = copyFixture();
    const dir = content.deckDir;
    unlinkSync(path.join(dir, 'terms.yaml'));
    symlinkSync('/dev/zero', path.join(dir, 'terms.yaml'));
    const problems = problemsOf(() => loadDeck(dir));
    expect(problems).toContainEqual(expect.objectContaining({ file: expect.stringMatching(/terms\.yaml$/), message: 'is not a regular file (a device, pipe or socket); refused' }));
  });

  it('refuses a deck file over 5 MiB', () => {
    content = copyFixture();
    content.write('scenarios.yaml', `scenarios: []\n${'#'.repeat(5 * 1024 * 1024)}\n`);
    const dir = content.deckDir;
    const problems = problemsOf(() => loadDeck(dir));
    expect(problems).toContainEqual(
      expect.objectContaining({ file: expect.stringMatching(/scenarios\.yaml$/), message: 'is 5242895 bytes; a content file may be at most 5242880 bytes (5 MiB)' }),
    );
  });
});

describe('the loader refuses control and bidi-override characters in content text', () => {
  it('names file, item, field and line, with the characters escaped', () => {
    content = copyFixture();
    content.edit('questions.yaml', 'prompt: Which KMS feature lets EBS', 'prompt: "\\e[31mWhich KMS \\u202Efeature lets EBS');
    content.edit('questions.yaml', 'after it is created?', 'after it is created?"');
    const dir = content.deckDir;
    const problems = problemsOf(() => loadDeck(dir));
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: expect.stringMatching(/questions\.yaml$/),
        itemId: 'q-grant-purpose',
        field: 'prompt',
        message: 'contains control or bidi-override characters (\\x1b \\u202e); remove them (line 3)',
      }),
    );
  });

  it('checks deck.yaml too: its title and chapter are shown in chat', () => {
    content = copyFixture();
    content.edit('deck.yaml', 'title: "Mini KMS deck (test fixture)"', 'title: "Mini \\a\\u202EKMS deck"');
    content.edit('deck.yaml', 'title: "A small deck', 'title: "\\e]0;x\\aA small deck');
    const dir = content.deckDir;
    const problems = problemsOf(() => loadDeck(dir));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: expect.stringMatching(/deck\.yaml$/), itemId: 'mini-kms', field: 'title', message: 'contains control or bidi-override characters (\\x07 \\u202e); remove them (line 2)' }),
        expect.objectContaining({ file: expect.stringMatching(/deck\.yaml$/), itemId: 'mini-kms', field: 'chapter.title', message: 'contains control or bidi-override characters (\\x1b \\x07); remove them (line 3)' }),
      ]),
    );
  });
});
