/** Types of chrome.js for the server's tests (which drive Chromium). */
export declare function chromePath(): string;
export declare const chromeArgs: string[];
