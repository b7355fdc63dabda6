import { describe, expect, it } from 'vitest';
import { citizen, shippedServices } from '../../support/test-services';

/**
 * Follow-ups typed without marks on the real model and knowledge base: a question about the active
 * procedure stays on it when the classifier alone would route it to no answer (out of scope, or a
 * person wished for without being asked for), even if one of its words also names another entry.
 */
const { services } = shippedServices();
const say = (userId: string, text: string) => citizen(services, userId).say(text);

/** Each message in turn from one citizen; the first reply to each. */
async function talk(userId: string, ...texts: string[]) {
  const replies = [];
  for (const text of texts) replies.push((await say(userId, text)).messages[0]);
  return replies;
}

async function conversation(userId: string, first: string, second: string) {
  const a = await say(userId, first);
  const b = await say(userId, second);
  return { first: a.messages[0], second: b.messages[0], state: b.state };
}

describe('an aspect asked about the active procedure', () => {
  it('"mỗi trang bao nhiêu" after certified copies: the fee of certified copies, not "out of scope"', async () => {
    const { first, second, state } = await conversation(
      'topic-follow-up-00001',
      'cong chung photo bang dai hoc o xa duoc ko',
      'moi trang bao nhieu',
    );
    expect(first?.entryId).toBeDefined();
    expect(second?.entryId).toBe(first?.entryId);
    expect(second?.text).toMatch(/phí/iu);
    expect(state).toBe('bot');
  });

  it('"có cần có mặt trực tiếp không hay nhờ người nhà" after the ID card: the ID card, not a hand-off', async () => {
    const { first, second, state } = await conversation(
      'topic-follow-up-00002',
      'doi the can cuoc het han',
      'co can co mat truc tiep ko hay nho nguoi nha',
    );
    expect(first?.entryId).toBeDefined();
    expect(second?.entryId).toBe(first?.entryId);
    expect(state).toBe('bot');
  });

  it('a person asked for in words is still handed off, topic or not', async () => {
    const { state } = await conversation(
      'topic-follow-up-00003',
      'doi the can cuoc het han',
      'cho toi gap can bo',
    );
    expect(state).not.toBe('bot');
  });
});

describe('whether a paper of the active procedure is needed', () => {
  it('"có cần giấy khám sức khỏe không" after the driving licence: its papers, not the health check', async () => {
    const { first, second } = await conversation(
      'topic-follow-up-00004',
      'doi bang lai o to hang B het han',
      'co can giay kham suc khoe ko',
    );
    expect(first?.entryId).toBe('cur.doi-gplx');
    expect(second?.entryId).toBe('cur.doi-gplx');
    expect(second?.text).toMatch(/Giấy khám sức khỏe người lái xe/u);
  });

  it('asking how to get that paper ("giấy khám sức khỏe lái xe làm ở đâu") still moves to its own entry', async () => {
    const { first, second } = await conversation(
      'topic-follow-up-00005',
      'doi bang lai o to hang B het han',
      'giay kham suc khoe lai xe lam o dau',
    );
    expect(first?.entryId).toBe('cur.doi-gplx');
    expect(second?.entryId).toBe('cur.kham-suc-khoe-lai-xe');
  });
});

describe('a weak dossier-status reading in the middle of a procedure', () => {
  it('"tính theo trang hay theo bản" after the fee of certified copies: the fee again, no dossier-code prompt', async () => {
    const { first, second, state } = await conversation(
      'topic-follow-up-00006',
      'chung thuc ban sao cccd o ubnd phuong mat bao nhieu',
      'tinh theo trang hay theo ban vay ad',
    );
    expect(first?.entryId).toBeDefined();
    expect(second?.entryId).toBe(first?.entryId);
    expect(second?.text).not.toMatch(/mã hồ sơ/u);
    expect(second?.text).toMatch(/phí/iu);
    expect(state).toBe('bot');
  });

  it('a message about a dossier still asks for its code', async () => {
    const { second } = await conversation(
      'topic-follow-up-00007',
      'chung thuc ban sao cccd o ubnd phuong mat bao nhieu',
      'ho so cua toi den dau roi',
    );
    expect(second?.text).toMatch(/mã hồ sơ/u);
  });
});

describe('a choice out of the list offered', () => {
  it('"thứ N" past the end of the list: the same choices again, not "out of scope"', async () => {
    const asked = await say('topic-follow-up-00008', 'thẻ căn cước');
    const offered = asked.messages[0]?.quickReplies ?? [];
    expect(offered.length).toBeGreaterThan(1);
    const again = await say('topic-follow-up-00008', `thu ${offered.length + 1}`);
    expect(again.messages[0]?.text).toBe(
      `Danh sách chỉ có ${offered.length} mục. Bạn vui lòng chọn một mục dưới đây ạ.`,
    );
    expect(again.messages[0]?.quickReplies?.map((q) => q.title)).toEqual(offered.map((q) => q.title));
  });
});

describe('a follow-up that refines the active procedure', () => {
  it('"người nước ngoài thì sao" after the fee of marriage registration: the fee of marrying a foreigner', async () => {
    const [first, , third] = await talk(
      'topic-follow-up-00009',
      'dang ky ket hon can giay to gi',
      'le phi bao nhieu',
      'nguoi nuoc ngoai thi sao',
    );
    expect(first?.entryId).toBe('cur.dang-ky-ket-hon');
    expect(third?.entryId).toBe('cur.ket-hon-yeu-to-nuoc-ngoai');
    expect(third?.text).toMatch(/lệ phí/iu);
  });

  it('"bao lâu thì có bằng mới" after re-issuing a licence stays on it ("Đăng ký xe mới" is no refinement)', async () => {
    const [first, second] = await talk(
      'topic-follow-up-00010',
      'mat bang lai xe may lam lai bao nhieu tien',
      'bao lau thi co bang moi',
    );
    expect(second?.entryId).toBe(first?.entryId);
    expect(second?.text).toMatch(/Thời hạn/u);
  });

  it('"còn nộp online thì sao" after the fee: the same procedure, the fee again', async () => {
    const [first, second] = await talk(
      'topic-follow-up-00011',
      'dang ky thuong tru nop truc tiep thi le phi bao nhieu',
      'con nop online thi sao',
    );
    expect(second?.entryId).toBe(first?.entryId);
    expect(second?.text).toMatch(/phí/iu);
  });
});

describe('an aspect asked of no procedure', () => {
  it('"hết bao nhiêu tiền" as a first message: which procedure, not "out of scope"', async () => {
    const asked = await say('topic-follow-up-00012', 'het bao nhieu tien');
    expect(asked.messages[0]?.text).toMatch(/^Bạn muốn hỏi phí, lệ phí của thủ tục nào ạ\?/u);
    const days = await say('topic-follow-up-00013', 'mất mấy ngày');
    expect(days.messages[0]?.text).toMatch(/^Bạn muốn hỏi thời hạn giải quyết của thủ tục nào ạ\?/u);
  });

  it('the procedure named next is answered on the aspect asked; anything else is routed as usual', async () => {
    const { second } = await conversation('topic-follow-up-00016', 'het bao nhieu tien', 'lam cccd');
    expect(second?.entryId).toBeDefined();
    expect(second?.text).toMatch(/phí, lệ phí/iu);
    const greeted = await conversation('topic-follow-up-00017', 'o dau', 'xin chao');
    expect(greeted.second?.text).toMatch(/^Xin chào/u);
    const dossier = await conversation('topic-follow-up-00018', 'le phi', 'ho so cua toi den dau roi');
    expect(dossier.second?.text).toMatch(/mã hồ sơ/u);
  });

  it('a dossier question keeps its own flow', async () => {
    const asked = await say('topic-follow-up-00014', 'bao lau co ket qua');
    expect(asked.messages[0]?.text).toMatch(/mã hồ sơ/u);
  });
});

describe('"bao nhiêu" of something the procedure does not name', () => {
  it('"vốn điều lệ tối thiểu bao nhiêu" after opening a company: not its fee', async () => {
    const { first, second } = await conversation(
      'topic-follow-up-00015',
      'thanh lap cong ty tnhh 1 thanh vien can gi',
      'von dieu le toi thieu bao nhieu',
    );
    expect(first?.entryId).toBeDefined();
    expect(second?.entryId).toBeUndefined();
    expect(second?.text).not.toMatch(/Phí, lệ phí/u);
  });
});

describe('a step done, then the question', () => {
  it('"báo mất xong thì làm hộ chiếu mới ở đâu" after the loss report: where to apply for a passport', async () => {
    const { first, second } = await conversation(
      'topic-follow-up-00019',
      'mat ho chieu thi lam sao',
      'bao mat xong thi lam ho chieu moi o dau',
    );
    expect(first?.text.split('\n')[0]).toMatch(/mất hộ chiếu/iu);
    expect(second?.entryId).toBeDefined();
    expect(second?.entryId).not.toBe(first?.entryId);
    expect(second?.text.split('\n')[0]).not.toMatch(/mất/iu);
  });

  it('"… xong thì lấy kết quả ở đâu" asks about the step named before: its place', async () => {
    const [reply] = (await say('topic-follow-up-00020', 'dang ky khai sinh xong thi lay ket qua o dau'))
      .messages;
    expect(reply?.text.split('\n')[0]).toMatch(/khai sinh/iu);
  });
});

describe('a step done, then a question that names nothing of its own', () => {
  it('"… sau khi sáp nhập tỉnh thì có phải làm thủ tục thay đổi đăng ký không" is read whole', async () => {
    const [reply] = (
      await say(
        'topic-follow-up-00021',
        'Công ty tôi muốn đổi tên và địa chỉ trụ sở sau khi sáp nhập tỉnh thì có phải làm thủ tục thay đổi đăng ký không',
      )
    ).messages;
    expect(reply?.text).toMatch(/doanh nghiệp|trụ sở/iu);
    expect(reply?.text.split('\n')[0]).not.toMatch(/xe/iu);
  });
});

describe('where the citizen lives, then the question', () => {
  it('"nhà em ở phường Phan Rang", then "làm khai sinh ở đâu": noted, then the unit named in the answer', async () => {
    const { first, state } = await conversation(
      'topic-follow-up-00022',
      'nha em o phuong Phan Rang',
      'xin chao',
    );
    expect(first?.text).toMatch(/ghi nhận nơi bạn ở/u);
    expect(state).toBe('bot');
    const answer = await say('topic-follow-up-00022', 'lam khai sinh o dau');
    expect(answer.messages.map((m) => m.text).join('\n')).toContain('phường Phan Rang');
  });
});
