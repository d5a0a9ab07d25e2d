// mermaid-cli (benchmark only) pulls in puppeteer; it must use Debian's Chromium, never download one.
module.exports = { skipDownload: true };
