import { type NormalisedText, syllablesOfMany } from '../normalise';
import type { Aspect } from '../taxonomy';

/**
 * Which part of a procedure a message asks about, from the phrases citizens use. Cues are written
 * with marks and match a message typed with or without them (an unmarked syllable matches its
 * folded form; a marked one must be written the same, so "phi" (unmarked) is "phí" but "phía" is not).
 *
 * When several cues occur, the strongest tier wins, then the one said last: the question usually
 * closes the message ("làm online thì mất bao lâu" asks for the duration).
 * Tier 3: who may (it reshapes the rest: "trường hợp nào được miễn lệ phí" asks for eligibility).
 * Tier 2: explicit documents, fee, duration, place, online, steps.
 * Tier 1: vague "how" and "may I" phrasings.
 */
interface Cue {
  aspect: Aspect;
  tier: 1 | 2 | 3;
  phrase: string;
  /** The cue does not count when the next syllable (folded) is one of these. */
  notBefore?: readonly string[];
  /** The cue does not count when the previous syllable (folded) is one of these. */
  notAfter?: readonly string[];
  /** The cue does not count after a number ("5 sao" is a rating, not "how"). */
  notAfterNumber?: boolean;
}

const TIME_WORDS = ['ngay', 'lau', 'thoi', 'tuan', 'thang', 'hom', 'gio', 'nam'] as const;

const CUE_TABLE: Readonly<Record<Aspect, readonly (string | Omit<Cue, 'aspect'>)[]>> = {
  eligibility: [
    { tier: 3, phrase: 'điều kiện' },
    { tier: 3, phrase: 'ai được' },
    { tier: 3, phrase: 'ai có thể' },
    { tier: 3, phrase: 'ai thì được' },
    { tier: 3, phrase: 'đối tượng nào' },
    { tier: 3, phrase: 'đối tượng được' },
    { tier: 3, phrase: 'trường hợp nào' },
    { tier: 3, phrase: 'bao nhiêu tuổi' },
    { tier: 3, phrase: 'mấy tuổi' },
    { tier: 3, phrase: 'đủ tuổi' },
    { tier: 3, phrase: 'có đủ' },
    { tier: 3, phrase: 'có thuộc' },
    { tier: 3, phrase: 'được hưởng không' },
    { tier: 1, phrase: 'có được' },
    { tier: 1, phrase: 'có được không' },
    { tier: 1, phrase: 'được không' },
  ],
  duration: [
    'bao lâu',
    'bao nhiêu lâu',
    'mấy ngày',
    'bao nhiêu ngày',
    'mấy hôm',
    'mấy tuần',
    'mấy tháng',
    'bao nhiêu tuần',
    'bao nhiêu tháng',
    'thời hạn',
    'thời gian giải quyết',
    'thời gian xử lý',
    'thời gian làm',
    'mất thời gian',
    'khi nào có',
    'khi nào nhận',
    'khi nào thì có',
    'khi nào thì nhận',
    'khi nào xong',
    'bao giờ có',
    'bao giờ nhận',
    'bao giờ thì có',
    'lâu không',
    'lâu ko',
    'nhanh không',
    'có nhanh',
    'mấy bữa',
    'bao lâu thì xong',
    'trong ngày',
    'xong trong',
    'lấy ngay',
    'có ngay',
    'bao lâu có',
    'mấy ngày thì xong',
    'bao giờ xong',
    'lâu chưa',
  ],
  fee: [
    'bao nhiêu tiền',
    'lệ phí',
    'mức phí',
    'chi phí',
    'mất phí',
    'thu phí',
    'tốn phí',
    'miễn phí',
    'phí',
    { tier: 2, phrase: 'mất bao nhiêu', notBefore: TIME_WORDS },
    { tier: 2, phrase: 'tốn bao nhiêu', notBefore: TIME_WORDS },
    { tier: 2, phrase: 'hết bao nhiêu', notBefore: TIME_WORDS },
    'mất tiền',
    'tốn tiền',
    'đóng tiền',
    'trả tiền',
    'nộp tiền',
    'tốn kém',
    'bao nhiêu phí',
    'giá bao nhiêu',
    'tiền lệ phí',
    'phí sao',
    'rẻ hơn',
    'có rẻ',
    'đắt không',
    'giảm phí',
    'giảm lệ phí',
    'giá sao',
    'có tốn',
    // "bao nhiêu tiền", "tiền sao ad": money is the fee unless something stronger is asked.
    { tier: 1, phrase: 'tiền' },
    // "mỗi trang bao nhiêu": a bare "how much" asks the price, unless a time word follows.
    { tier: 1, phrase: 'bao nhiêu', notBefore: [...TIME_WORDS, 'tuoi', 'lan', 'nguoi'] },
  ],
  online: [
    'online',
    'onl',
    'trực tuyến',
    'qua mạng',
    'trên mạng',
    'dịch vụ công',
    'vneid',
    'qua app',
    'trên app',
    'ứng dụng',
    'trên điện thoại',
    'qua điện thoại',
    'bằng điện thoại',
    'từ xa',
    'qua zalo',
    'qua internet',
    'không cần đến',
    'không cần lên',
    'không phải đến',
    'không phải lên',
    'tại nhà',
    'qua bưu điện',
    'bưu chính',
    'online được không',
    'làm online',
    'nộp online',
  ],
  documents: [
    'cần gì',
    'cần những gì',
    'cần giấy gì',
    'cần giấy tờ',
    'giấy tờ gì',
    'giấy tờ nào',
    'những giấy tờ',
    'các giấy tờ',
    'giấy gì',
    'cần mang',
    'mang theo',
    'mang gì',
    'chuẩn bị gì',
    'chuẩn bị những',
    'chuẩn bị giấy',
    'chuẩn bị hồ sơ',
    'gồm những gì',
    'gồm gì',
    'gồm những giấy',
    'hồ sơ gồm',
    'hồ sơ cần',
    'thành phần hồ sơ',
    'bộ hồ sơ',
    'phải có gì',
    'cần có gì',
    'cần những giấy',
    'cần bản sao',
    'cần photo',
    'cần nộp gì',
    'nộp những gì',
    'nộp gì',
    'cần chuẩn bị',
    'đem theo',
    'đem gì',
    'giấy tờ cần',
    'cần có',
    { tier: 1, phrase: 'có cần' },
  ],
  place: [
    'ở đâu',
    'tại đâu',
    'chỗ nào',
    'nơi nào',
    'ra đâu',
    'đi đâu',
    'đến đâu làm',
    'cơ quan nào',
    'nộp ở',
    'nộp tại',
    'làm ở',
    'đâu làm',
    'phòng nào',
    'bộ phận nào',
    'nơi nộp',
    'địa điểm',
    'ubnd nào',
    'ủy ban nào',
    'xã nào',
    'phường nào',
    'ở chỗ nào',
    'nơi nào',
    'đâu để',
    'đâu thì',
    'ở đâu nộp',
    'nộp chỗ nào',
    'lên đâu',
  ],
  steps: [
    'các bước',
    'những bước',
    'bước nào',
    'bước gì',
    'quy trình',
    'trình tự',
    'cách làm',
    'cách thức',
    'hướng dẫn',
    { tier: 1, phrase: 'thủ tục' },
    { tier: 1, phrase: 'như thế nào' },
    { tier: 1, phrase: 'thế nào' },
    { tier: 1, phrase: 'ra sao' },
    { tier: 1, phrase: 'làm sao' },
    { tier: 1, phrase: 'làm gì' },
    { tier: 1, phrase: 'sao', notAfter: ['ban'], notAfterNumber: true },
    { tier: 1, phrase: 'cách' },
    // "có cần có mặt không": being there in person is part of how the procedure is done.
    { tier: 1, phrase: 'có mặt' },
  ],
};

interface CompiledCue extends Cue {
  tokens: string[];
  folded: string[];
}

const CUES: readonly CompiledCue[] = (() => {
  const cues = (Object.entries(CUE_TABLE) as [Aspect, (typeof CUE_TABLE)[Aspect]][]).flatMap(
    ([aspect, entries]): Cue[] =>
      entries.map((entry) =>
        typeof entry === 'string' ? { aspect, tier: 2, phrase: entry } : { aspect, ...entry },
      ),
  );
  const words = syllablesOfMany(cues.map((cue) => cue.phrase));
  return cues.map((cue, i) => ({
    ...cue,
    tokens: words[i]?.tokens ?? [],
    folded: words[i]?.foldedTokens ?? [],
  }));
})();

/** Cues by their first folded syllable, so a message is scanned once, not once per cue. */
const CUES_BY_FIRST_SYLLABLE = new Map<string, CompiledCue[]>();
for (const cue of CUES) {
  const first = cue.folded[0] ?? '';
  CUES_BY_FIRST_SYLLABLE.set(first, [...(CUES_BY_FIRST_SYLLABLE.get(first) ?? []), cue]);
}

function matchesAt(text: NormalisedText, index: number, cue: CompiledCue): boolean {
  const fits = cue.tokens.every((token, offset) => {
    const said = text.tokens[index + offset];
    const saidFolded = text.foldedTokens[index + offset];
    if (said === undefined || saidFolded === undefined) return false;
    return said === token || (said === saidFolded && saidFolded === cue.folded[offset]);
  });
  if (!fits) return false;
  const after = text.foldedTokens[index + cue.tokens.length];
  const before = text.foldedTokens[index - 1];
  if (cue.notBefore && after !== undefined && cue.notBefore.includes(after)) return false;
  if (cue.notAfterNumber && before !== undefined && /^\p{N}+$/u.test(before)) return false;
  return !(cue.notAfter && before !== undefined && cue.notAfter.includes(before));
}

export interface AspectMatch {
  aspect: Aspect;
  tier: number;
  /** Syllable index where the cue starts. */
  position: number;
  phrase: string;
}

/** Every aspect cue found, for tooling and tests. */
export function findAspectCues(text: NormalisedText): AspectMatch[] {
  const found: AspectMatch[] = [];
  for (let index = 0; index < text.tokens.length; index++) {
    for (const cue of CUES_BY_FIRST_SYLLABLE.get(text.foldedTokens[index] ?? '') ?? []) {
      if (matchesAt(text, index, cue)) {
        found.push({ aspect: cue.aspect, tier: cue.tier, position: index, phrase: cue.phrase });
      }
    }
  }
  return found;
}

/** The message's folded syllables outside its aspect cues ("lệ phí", "ở đâu"): what it asks about. */
export function foldedOutsideAspectCues(text: NormalisedText): string[] {
  const cue = new Set<number>();
  for (const match of findAspectCues(text)) {
    const length = match.phrase.split(' ').length;
    for (let i = 0; i < length; i++) cue.add(match.position + i);
  }
  return text.foldedTokens.filter((_, i) => !cue.has(i));
}

export function aspect(text: NormalisedText): Aspect | undefined {
  let best: AspectMatch | undefined;
  for (const match of findAspectCues(text)) {
    if (!best || match.tier > best.tier || (match.tier === best.tier && match.position >= best.position)) {
      best = match;
    }
  }
  return best?.aspect;
}
