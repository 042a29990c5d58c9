import request from 'supertest';
import { TEST_ADMIN_API_KEY } from './test-env';

/**
 * Requests to a test app that carry an API key: the test admin key unless another is given.
 * For a request without any key, use supertest's `request(url)` itself.
 */
export function api(url: string, key: string = TEST_ADMIN_API_KEY) {
  return request.agent(url).set('Authorization', `Bearer ${key}`);
}
