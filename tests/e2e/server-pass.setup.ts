// The PostgreSQL pass (vitest project "postgres"): each test file's migrated template database is dropped
// after the file (each Sandbox drops its own database in remove()).
import { afterAll } from 'vitest';
import { dropServerTemplate } from './server-sandbox.js';

afterAll(() => dropServerTemplate());
