// Messages that read the same in every language of the page: the brand, the
// languages' own names, key combinations, and the file:// message (js/unserved.js,
// a classic script that cannot import the catalogues, shows both languages).
export default {
  'suggest.mappingPlaceholder': 'nr=PER,ns=LOC,nt=ORG',
  'brand.zh': '标注',
  'brand.latin': 'biaozhu',
  'locale.zh-CN': '中文',
  'locale.en-US': 'English',
  'doclabels.key': 'Alt+Shift+{key}',
  'encoding.option': '{name} · {description}',
  'unserved.zh':
    '这个页面要通过网页服务器打开：浏览器不会从 file:// 地址运行它的模块脚本。请在项目目录运行 make serve，然后打开 http://127.0.0.1:8000/；或者用任何静态网页服务器提供 www/ 目录，例如 python3 -m http.server -d www。',
  'unserved.en':
    'This page must be opened from a web server: browsers do not run its module scripts from a file:// address. In the project folder run make serve and open http://127.0.0.1:8000/, or serve the www/ folder with any static web server, for example python3 -m http.server -d www.',
};
