import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { forEachLine } from '../../../../embedded-stack/cloudwatch';

describe('embedded CloudWatch: reading a process’s output line by line', () => {
  it('joins lines split across chunks and hands over the last one at the end', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    forEachLine(stream, (line) => lines.push(line));

    stream.write('{"_aws":');
    stream.write('1}\nsecond\nthi');
    stream.end('rd');
    await once(stream, 'end');

    expect(lines).toEqual(['{"_aws":1}', 'second', 'third']);
  });
});
