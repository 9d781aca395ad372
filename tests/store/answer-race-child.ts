/**
 * A separate process for the answer race test: opens the shared database file, waits for "go",
 * answers one round for every user id it was given (in its own order), and reports each outcome.
 * Run with `node --import tsx answer-race-child.ts <dbPath> <roundId> <user,user,...>`.
 */
import { openStore } from '../../src/store/index.js';

const [dbPath, roundIdText, usersText] = process.argv.slice(2);
const store = openStore(dbPath as string);
const round = await store.getRound(Number(roundIdText));
if (!round) throw new Error(`round ${roundIdText} not found`);
const users = (usersText as string).split(',');

process.on('message', async (message) => {
  if (message !== 'go') return;
  // One after another, as one process handles clicks; the race is between the two processes.
  const outcomes: { userId: string; status: string; pid: number }[] = [];
  for (const userId of users) {
    const result = await store.recordAnswer({
      round,
      userId,
      userName: userId,
      letter: 'A',
      choiceIndex: process.pid % 3,
      correct: true,
      points: 1,
      answeredAt: Date.now(),
      localDate: round.localDate ?? '2026-01-05',
    });
    outcomes.push({ userId, status: result.status, pid: process.pid });
  }
  await store.close();
  process.send?.({ outcomes }, () => process.exit(0));
});
process.send?.('ready');
