// A classic script, not a module: opened from a file (file://), a browser
// refuses the page's module scripts, and the text would sit there with
// nothing working and nothing said. A classic script still runs there, so
// this one says, in words, how to open the page instead. Served over HTTP it
// does nothing.
(() => {
  if (location.protocol !== 'file:') return;
  const banner = document.getElementById('banner');
  if (!banner) return;
  const say = (lang, text) => {
    const p = document.createElement('span');
    p.lang = lang;
    p.textContent = text;
    return p;
  };
  banner.classList.add('error', 'unserved');
  banner.replaceChildren(
    say(
      'zh-Hans',
      '这个页面要通过网页服务器打开：浏览器不会从 file:// 地址运行它的模块脚本。请在项目目录运行 make serve，然后打开 http://127.0.0.1:8000/；或者用任何静态网页服务器提供 www/ 目录，例如 python3 -m http.server -d www。',
    ),
    say(
      'en',
      'This page must be opened from a web server: browsers do not run its module scripts from a file:// address. In the project folder run make serve and open http://127.0.0.1:8000/, or serve the www/ folder with any static web server, for example python3 -m http.server -d www.',
    ),
  );
  banner.hidden = false;
  document.documentElement.dataset.state = 'unserved';
})();
