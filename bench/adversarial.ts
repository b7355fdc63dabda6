import { loadNlu } from '../intents';
import { loadKnowledgeBase } from '../knowledge/knowledge-base';
import { round, type Summary, summarise } from './lib/stats';

/**
 * Messages built to be slow: the longest the chat accepts (2,000 characters) made of what once
 * made the typo corrector quadratic (one huge word with marks, one huge word without), plus text
 * from a fixed pseudo-random generator (words of every length, marks, digits, punctuation).
 */
export function adversarialMessages(length = 2000): { name: string; text: string }[] {
  let seed = 0x9e3779b9;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const alphabet = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạéèẻẽẹóòỏõọúùủũụíìỉĩịý0123456789 .,?-/'];
  let randomText = '';
  while (randomText.length < length) randomText += alphabet[Math.floor(random() * alphabet.length)];
  let randomWords = '';
  while (randomWords.length < length) {
    const size = 1 + Math.floor(random() * 40);
    for (let i = 0; i < size; i++) randomWords += alphabet[Math.floor(random() * 60)];
    randomWords += ' ';
  }
  return [
    { name: '"ạáàảãẹéèẻẽ" × 200', text: 'ạáàảãẹéèẻẽ'.repeat(200).slice(0, length) },
    { name: '"bc" × 1,000', text: 'bc'.repeat(1000).slice(0, length) },
    { name: 'random characters', text: randomText.slice(0, length) },
    { name: 'random words of 1–40 letters', text: randomWords.slice(0, length) },
    { name: '"hồ sơ " repeated', text: 'hồ sơ '.repeat(400).slice(0, length) },
    { name: 'digits only', text: '1'.repeat(length) },
    { name: '"A." × 1,000 (dossier-code-like)', text: 'A.'.repeat(1000).slice(0, length) },
    { name: '"H43.25-241008-" repeated', text: 'H43.25-241008-'.repeat(150).slice(0, length) },
    { name: '"0912 " repeated (phone-like)', text: '0912 '.repeat(400).slice(0, length) },
  ];
}

export interface AdversarialBench {
  length: number;
  /**
   * Understanding and retrieval together, per message kind, over `passes` warm runs each: wall time,
   * and this process's CPU time (what the message itself costs; other work on the machine inflates it far less).
   */
  byMessage: { name: string; total: Summary; cpu: Summary }[];
  /** The worst kind's CPU-time p99: the figure held against the target. */
  worstP99Ms: number;
  worstWallP99Ms: number;
}

/** Worst-case cost of one 2,000-character message: understanding then retrieval, as the chat does. */
export function benchAdversarial(options: { passes?: number } = {}): AdversarialBench {
  const passes = options.passes ?? 20;
  const nlu = loadNlu();
  const kb = loadKnowledgeBase();
  const messages = adversarialMessages();
  for (const { text } of messages) kb.search(nlu.understand(text).text.raw, { k: 5 });
  const byMessage = messages.map(({ name, text }) => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < passes; i++) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      kb.search(nlu.understand(text).text.raw, { k: 5 });
      wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    return { name, total: summarise(wall), cpu: summarise(cpu) };
  });
  return {
    length: 2000,
    byMessage,
    worstP99Ms: round(Math.max(...byMessage.map((m) => m.cpu.p99))),
    worstWallP99Ms: round(Math.max(...byMessage.map((m) => m.total.p99))),
  };
}
