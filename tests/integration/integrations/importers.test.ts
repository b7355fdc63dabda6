import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPullConnector } from '../../../functions/integrations/pull-connector';
import { parseCsv, parseRecords } from '../../../functions/integrations/records-file';
import { createLogger } from '../../../functions/shared/logger';
import { startTestServer } from '../../support/local-server';

describe('export files', () => {
  it('reads CSV with quotes, semicolons and a BOM', () => {
    const rows = parseCsv(
      '\uFEFFma_ho_so;trang_thai;ghi_chu\r\nH43.25-241008-0001;processing;"Thiếu ""bản sao""; cần bổ sung"\r\n',
    );
    expect(rows).toEqual(
      [
        {
          '\uFEFFma_ho_so': 'H43.25-241008-0001',
          trang_thai: 'processing',
          ghi_chu: 'Thiếu "bản sao"; cần bổ sung',
        },
      ].map((r) => {
        const { '\uFEFFma_ho_so': code, ...rest } = r;
        return { ma_ho_so: code, ...rest };
      }),
    );
  });

  it('reads a JSON array, {items}, and JSON lines', () => {
    expect(parseRecords('[{"code":"A"}]', 'x.json')).toEqual([{ code: 'A' }]);
    expect(parseRecords('{"items":[{"code":"B"}]}', 'x.json')).toEqual([{ code: 'B' }]);
    expect(parseRecords('{"code":"C"}\n{"code":"D"}\n', 'x.jsonl')).toEqual([{ code: 'C' }, { code: 'D' }]);
  });
});

describe('bulk import and pull connector against a started assistant', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  // The CLI runs in a child process while the server answers in this one: the spawn must not block.
  it('imports dossiers from a CSV export through the integration API and reports refusals', async () => {
    const file = join(server.dataDir, 'dossiers.csv');
    writeFileSync(
      file,
      [
        'ma_ho_so,ten_thu_tuc,co_quan,so_dien_thoai,trang_thai,ngay_hen_tra',
        'H43.25-241008-0101,Đăng ký khai sinh,UBND phường Phan Rang,0912000101,received,2026-12-01',
        'H43.25-241008-0102,Đăng ký kết hôn,UBND xã Ninh Phước,0912000102,processing,2026-12-02',
        'H43.25-241008-0103,Cấp bản sao trích lục,UBND xã Ninh Hải,not-a-phone,processing,2026-12-03',
      ].join('\n'),
    );
    const run = await new Promise<{ stdout: string; code: number | null }>((resolve) => {
      execFile(
        'npx',
        [
          'tsx',
          'functions/cli/import-dossiers.ts',
          file,
          '--url',
          server.url,
          '--key',
          server.integrationApiKey,
        ],
        { encoding: 'utf8', timeout: 50_000 },
        (error, stdout) => resolve({ stdout, code: error ? ((error as { code?: number }).code ?? 1) : 0 }),
      );
    });
    expect(run.stdout).toMatch(/Imported 2 of 3 dossiers/u);
    expect(run.stdout).toMatch(/H43\.25-241008-0103: 400/u);
    expect(run.code).toBe(1);
  }, 60_000);

  it('polls a one-stop system on loopback and feeds the changes in', async () => {
    const seen: string[] = [];
    const source = createServer((req, res) => {
      seen.push(req.url ?? '');
      const since = new URL(req.url ?? '/', 'http://x').searchParams.get('since');
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify(
          since
            ? { items: [], cursor: since }
            : {
                items: [
                  {
                    code: 'H43.25-241008-0201',
                    procedure: 'Cấp lại thẻ căn cước',
                    agency: 'Công an phường Đô Vinh',
                    phone: '+84 912 000 201',
                    status: 'completed',
                  },
                ],
                cursor: 'c1',
              },
        ),
      );
    });
    await new Promise<void>((r) => source.listen(0, '127.0.0.1', () => r()));
    const { port } = source.address() as AddressInfo;
    try {
      const connector = createPullConnector({
        sourceUrl: `http://127.0.0.1:${port}/changes`,
        assistantUrl: server.url,
        integrationApiKey: server.integrationApiKey,
        log: createLogger('silent'),
      });
      const first = await connector.pollOnce();
      expect(first.cursor).toBe('c1');
      expect(first.results).toEqual([{ code: 'H43.25-241008-0201', status: 201 }]);
      const second = await connector.pollOnce(first.cursor);
      expect(second.results).toEqual([]);
      expect(seen).toEqual(['/changes', '/changes?since=c1']);
      const stored = await server.services.stores.dossiers.get('H43.25-241008-0201');
      expect(stored).toMatchObject({ status: 'completed', phone: '0912000201' });
    } finally {
      source.close();
    }
  });
});
