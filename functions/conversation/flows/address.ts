import type { Understanding } from '../../../intents/types';
import { asksAboutDigitalAddresses, asksToLookUpAnAddress } from '../../../intents/vocabulary';
import { type AddressDirectory, describeAddress } from '../address-directory';
import type { Turn } from '../turn';
import { answerFromKnowledge } from './procedure';

export async function handleDigitalAddress(
  turn: Turn,
  u: Understanding,
  directory: AddressDirectory,
): Promise<void> {
  const byCode = await directory.byCode(u.text.raw);
  if (byCode) {
    turn.say(describeAddress(byCode));
    return;
  }
  const folded = u.text.folded;
  if (asksAboutDigitalAddresses(folded) || !asksToLookUpAnAddress(folded)) {
    await answerFromKnowledge(turn, u);
    return;
  }
  if (await answerByText(turn, u.text.raw, directory)) return;
  turn.session.pending = { kind: 'address_query' };
  turn.say(
    'Bạn vui lòng nhập mã địa chỉ số, hoặc địa chỉ (số nhà, đường, phường/xã), hoặc chia sẻ vị trí hiện tại để tôi tra cứu.',
  );
}

/** Returns true when it answered (found or clearly not found). */
export async function answerByText(turn: Turn, text: string, directory: AddressDirectory): Promise<boolean> {
  const byCode = await directory.byCode(text);
  if (byCode) {
    turn.session.pending = undefined;
    turn.say(describeAddress(byCode));
    return true;
  }
  const found = await directory.byText(text);
  if (found.length === 0) return false;
  turn.session.pending = undefined;
  turn.say(
    found.length === 1
      ? describeAddress(found[0] as NonNullable<(typeof found)[0]>)
      : `Tôi tìm thấy ${found.length} địa chỉ gần đúng:\n\n${found.map(describeAddress).join('\n\n')}`,
  );
  return true;
}

export async function answerByLocation(
  turn: Turn,
  lat: number,
  lng: number,
  directory: AddressDirectory,
): Promise<void> {
  const hit = await directory.nearest(lat, lng, 50);
  turn.session.pending = undefined;
  if (!hit) {
    turn.say(
      'Chưa tìm thấy địa chỉ số nào trong phạm vi 50 m quanh vị trí bạn chia sẻ. Bạn có thể nhập địa chỉ hoặc mã địa chỉ số để tra cứu.',
    );
    return;
  }
  turn.say(
    `Địa chỉ số gần vị trí của bạn nhất (khoảng ${Math.round(hit.meters)} m):\n${describeAddress(hit.address)}`,
  );
}

export async function continueAddressQuery(
  turn: Turn,
  u: Understanding,
  directory: AddressDirectory,
): Promise<boolean> {
  if (await answerByText(turn, u.text.raw, directory)) return true;
  turn.session.pending = undefined;
  turn.say(
    'Chưa tìm thấy địa chỉ số khớp với thông tin bạn nhập. Bạn vui lòng kiểm tra lại mã hoặc địa chỉ, hoặc liên hệ UBND xã/phường nơi cư trú để được cấp, cập nhật địa chỉ số.',
  );
  return true;
}
