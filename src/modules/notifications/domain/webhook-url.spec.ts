import { WebhookUrlNotAllowedError } from './notifications.errors';
import { assertUrlAllowed, isPublicAddress, isWebhookUrl, privateHostReason } from './webhook-url';

describe('webhook URLs', () => {
  it.each(['https://example.com/hooks', 'http://example.com:8080/a?b=c', 'http://127.0.0.1:3000/'])(
    'accepts %s',
    (url) => expect(isWebhookUrl(url)).toBe(true),
  );

  it.each([
    'ftp://example.com/hooks',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'example.com/hooks',
    'https://user:secret@example.com/',
    `https://example.com/${'a'.repeat(2048)}`,
    42,
  ])('refuses %s', (url) => expect(isWebhookUrl(url)).toBe(false));

  it.each([
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['::ffff:10.0.0.1', false],
    ['not-an-ip', false],
    ['93.184.216.34', true],
    ['2606:4700::1111', true],
    ['::ffff:93.184.216.34', true],
  ])('judges %s public: %s', (address, expected) => expect(isPublicAddress(address)).toBe(expected));

  it('names private hosts written in the URL itself, without DNS', () => {
    expect(privateHostReason('http://127.0.0.1:8080/')).toContain('127.0.0.1');
    expect(privateHostReason('http://2130706433/')).toContain('127.0.0.1');
    expect(privateHostReason('http://[::1]/')).toContain('::1');
    expect(privateHostReason('http://localhost/')).toContain('loopback');
    expect(privateHostReason('http://api.localhost./')).toContain('loopback');
    expect(privateHostReason('https://example.com/')).toBeNull();
    expect(privateHostReason('https://93.184.216.34/')).toBeNull();
  });

  it('refuses a private host only while private receivers are not allowed', () => {
    expect(() => assertUrlAllowed('http://10.0.0.1/', false)).toThrow(WebhookUrlNotAllowedError);
    expect(() => assertUrlAllowed('http://10.0.0.1/', true)).not.toThrow();
  });
});
