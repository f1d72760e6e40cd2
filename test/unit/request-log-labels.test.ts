import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { labelRequestLog, logController, loggerOptions, registerRequestLog, requestLogger } from '../../src/server/logging';

/**
 * Once the guards know a request's operation and role, every later log line of that request carries them —
 * a resolver's warning as well as the one "request completed" line — without a child logger per request, and
 * never on another request's lines.
 */
describe('request log labels', () => {
  it('lines after the labelling carry operation and role; lines before and other requests do not', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const app = Fastify({
      logger: loggerOptions('info', { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) }),
      logController: logController(),
      childLoggerFactory: requestLogger,
    });
    registerRequestLog(app);
    app.get('/x', (request) => {
      request.log.info('before');
      if (request.query && (request.query as { label?: string }).label) labelRequestLog(request.raw, { operation: 'Sagsoverblik', role: 'sagsbehandler' });
      request.log.warn('resolver warning');
      return { ok: true };
    });
    await app.inject({ url: '/x?label=1' });
    await app.inject({ url: '/x' });
    await app.close();
    const [labelled, plain] = [
      lines.filter((l) => l.transactionId === lines[0]!.transactionId),
      lines.filter((l) => l.transactionId !== lines[0]!.transactionId && l.transactionId),
    ];
    expect(labelled.map((l) => [l.msg, l.operation, l.role])).toEqual([
      ['before', undefined, undefined],
      ['resolver warning', 'Sagsoverblik', 'sagsbehandler'],
      ['request completed', 'Sagsoverblik', 'sagsbehandler'],
    ]);
    expect(plain.map((l) => l.msg)).toEqual(['before', 'resolver warning', 'request completed']);
    for (const l of plain) expect(l).not.toHaveProperty('operation');
  });
});
