import { afterAll, describe, expect, it } from 'vitest';
import { captureProcessLogs, findPersonalData } from '../support/log-capture';

/**
 * Personal data the security suites type into the chat, put into dossiers and addresses, and send
 * over Zalo: none of it may reach a log line in clear. Names and secrets are checked verbatim;
 * phones, citizen ids and e-mail addresses also by pattern.
 */
export const PLANTED = {
  phones: ['0912345678', '0987 654 321', '+84 935 111 222'],
  citizenIds: ['079203001234', '001099012345'],
  emails: ['nguyen.van.a@example.vn', 'tran.thi.b@gmail.com'],
  names: ['Nguyễn Văn An', 'Trần Thị Bích'],
} as const;

export const PLANTED_TEXTS = [
  `Tôi là ${PLANTED.names[0]}, số điện thoại ${PLANTED.phones[0]}, email ${PLANTED.emails[0]}`,
  `CCCD của tôi là ${PLANTED.citizenIds[0]}, gọi ${PLANTED.phones[1]} nhé`,
  `liên hệ ${PLANTED.emails[1]} hoặc ${PLANTED.phones[2]}, căn cước ${PLANTED.citizenIds[1]}`,
];

/**
 * Starts capturing this process's stdout and stderr now (the local server and the handlers log
 * there) and stops when the file's tests are done. Call at the top of a suite file.
 */
export function captureSuiteLogs() {
  const capture = captureProcessLogs();
  afterAll(() => capture.stop());
  return capture;
}

/**
 * The file's last test: every captured line is scanned. `expectEvents` proves the capture saw the
 * suite's traffic (a scan of nothing would pass for the wrong reason).
 */
export function itLeavesNoPersonalDataInLogs(
  capture: { lines: string[] },
  options: { secrets?: () => string[]; expectEvents: string[] },
) {
  describe('logs', () => {
    it('no captured log line carries personal data or a secret in clear', () => {
      const events = new Set(
        capture.lines.flatMap((l) => {
          try {
            return [(JSON.parse(l) as { event?: string }).event ?? ''];
          } catch {
            return [];
          }
        }),
      );
      for (const e of options.expectEvents) expect(events, `log event "${e}" was captured`).toContain(e);
      const planted = [
        ...PLANTED.names,
        ...PLANTED.phones,
        ...PLANTED.citizenIds,
        ...PLANTED.emails,
        ...(options.secrets?.() ?? []),
      ];
      expect(findPersonalData(capture.lines, planted)).toEqual([]);
    });
  });
}
