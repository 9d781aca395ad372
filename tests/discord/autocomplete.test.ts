/**
 * Discord clips core's autocomplete suggestions to its own limits (core hands them over whole):
 * names cut to 100 characters with an ellipsis, values to 100, at most 25 choices.
 */
import { describe, expect, it } from 'vitest';
import { autocompleteChoices, DISCORD_LIMITS } from '../../src/adapters/discord/index.js';

describe('autocompleteChoices', () => {
  it('clips long labels and values to the adapter limits and keeps at most 25 choices', () => {
    const label = `alias → ${'Customer managed key with automatic rotation '.repeat(4)}`;
    const suggestions = Array.from({ length: 30 }, (_, i) => ({ label: `${i} ${label}`, value: `${i}-${'v'.repeat(150)}` }));
    const choices = autocompleteChoices(suggestions);
    expect(DISCORD_LIMITS.suggestionLength).toBe(100);
    expect(choices).toHaveLength(DISCORD_LIMITS.suggestions!);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.name.endsWith('…')).toBe(true);
      expect(c.value.length).toBe(100);
    }
    expect(choices[0]!.name.startsWith('0 alias → Customer managed key')).toBe(true);
  });

  it('keeps short suggestions as they are', () => {
    expect(autocompleteChoices([{ label: 'Grant (KMS)', value: 'Grant (KMS)' }])).toEqual([{ name: 'Grant (KMS)', value: 'Grant (KMS)' }]);
  });
});
