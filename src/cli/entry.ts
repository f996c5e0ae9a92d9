// What dist/main.js exports (the bundle's single entry): the program and the App it runs in.
export { App } from './app.js';
export { main } from './main.js';
