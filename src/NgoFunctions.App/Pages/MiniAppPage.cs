using System.Text;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using static NgoFunctions.App.Pages.Html;

namespace NgoFunctions.App.Pages;

/// <summary>The Telegram Mini App form, served at <c>GET /api/miniapp</c> (Arabic, right-to-left;
/// <c>?lang=en</c> for English): the questions of the web form (<see cref="RequestFormPage.AppendFields"/>)
/// on one light page with no external file (style and two scripts inline, allowed by hash). The script
/// reads <c>initData</c> from the launch parameters Telegram puts in the page's fragment
/// (<c>#tgWebAppData=…</c>; no Telegram script is loaded), posts the answers with it as JSON to
/// <c>POST /api/miniapp/requests</c>, and shows the tracking code, the messages under the fields, or
/// what went wrong; the answers stay on the page when the connection fails. Opened outside Telegram it
/// says to open it from the bot. It may be framed by Telegram's web client only.</summary>
public sealed class MiniAppPage(Texts texts, RequestFormPage form)
{
    /// <summary>Who may frame the page: Telegram's web client (the apps use a web view, not a frame).</summary>
    public const string FrameAncestors = "https://web.telegram.org";

    /// <summary>The page's policy: its two inline scripts, requests to its own origin only, framed by
    /// <see cref="FrameAncestors"/> only.</summary>
    public static readonly string ContentSecurityPolicy =
        Policy([RequestFormPage.DistrictFilterScript, Script], connectSource: "'self'", frameAncestors: FrameAncestors);

    /// <summary>The page.</summary>
    public PageResult Render(Language language)
    {
        string T(string key) => texts.Get(key, language);
        var b = new StringBuilder();
        b.Append($"<h1>{E(T("form.heading"))}</h1><p>{E(T("miniapp.intro"))}</p>");
        b.Append($"<div id=\"texts\" hidden data-sending=\"{E(T("miniapp.sending"))}\" data-offline=\"{E(T("miniapp.offline"))}\" ")
            .Append($"data-error=\"{E(T("miniapp.error"))}\" data-open-from-bot=\"{E(T("miniapp.openFromBot"))}\"></div>");
        b.Append("<div id=\"status\" role=\"status\" aria-live=\"polite\"></div>");
        b.Append("<form id=\"request\" accept-charset=\"utf-8\">");
        b.Append($"<input type=\"hidden\" name=\"language\" value=\"{language.ToCode()}\">");
        form.AppendFields(b, language, new SubmitServiceRequest { Urgency = "normal" }, new Dictionary<string, string[]>());
        b.Append($"<button type=\"submit\">{E(T("form.submit"))}</button></form>");
        b.Append($"<section id=\"done\" hidden><p>{E(T("miniapp.done"))}</p><p class=\"code\" id=\"tracking-code\"></p><p>{E(T("miniapp.done.chat"))}</p></section>");
        b.Append("<script>").Append(RequestFormPage.DistrictFilterScript).Append("</script>");
        b.Append("<script>").Append(Script).Append("</script>");

        var other = language == Language.Ar ? "en" : "ar";
        return Page(texts, language, T("form.heading"), b.ToString(), $"miniapp?lang={other}") with
        {
            ContentSecurityPolicy = ContentSecurityPolicy,
            Framable = true,
        };
    }

    // initData is in the fragment, which a link drops: the language switch keeps it. Telegram is told the
    // page is ready (web_app_ready) through the app's web-view bridge, or its web client's frame.
    internal const string Script =
        "(function(){var f=document.getElementById('request'),st=document.getElementById('status'),t=document.getElementById('texts').dataset," +
        "init=new URLSearchParams(location.hash.slice(1)).get('tgWebAppData')||'',sw=document.querySelector('nav a.switch');" +
        "try{if(window.TelegramWebviewProxy){window.TelegramWebviewProxy.postEvent('web_app_ready','');}" +
        "else if(window.parent!==window){window.parent.postMessage(JSON.stringify({eventType:'web_app_ready',eventData:''}),'https://web.telegram.org');}}catch(x){}" +
        "if(!init){st.textContent=t.openFromBot;f.hidden=true;return;}" +
        "if(sw){sw.href+=location.hash;}" +
        "f.addEventListener('submit',async function(ev){ev.preventDefault();var b=f.querySelector('button[type=submit]');b.disabled=true;st.textContent=t.sending;" +
        "for(var old of f.querySelectorAll('.error[data-field]')){old.remove();}" +
        "var fd=new FormData(f),body={initData:init,vulnerabilities:fd.getAll('vulnerabilities'),consent:fd.get('consent')==='true',sensitive:fd.get('sensitive')==='true'};" +
        "for(var k of ['sector','governorate','district','subDistrict','description','urgency','name','phone','language']){var v=fd.get(k);if(v){body[k]=v;}}" +
        "try{var r=await fetch('/api/miniapp/requests',{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify(body)});" +
        "var j=await r.json().catch(function(){return {};});" +
        "if(r.status===202&&j.trackingCode){document.getElementById('tracking-code').textContent=j.trackingCode;f.hidden=true;document.getElementById('done').hidden=false;st.textContent='';return;}" +
        "if(r.ok&&j.duplicate){f.hidden=true;st.textContent=j.message;return;}" +
        "var lines=[j.title||t.error];for(var n in (j.errors||{})){var el=document.getElementById(n),m=j.errors[n].join(' ');" +
        "if(el){var d=document.createElement('div');d.className='error';d.dataset.field=n;d.textContent=m;el.after(d);}else{lines.push(m);}}" +
        "st.textContent=lines.join(' ');}catch(x){st.textContent=t.offline;}b.disabled=false;});})();";
}
