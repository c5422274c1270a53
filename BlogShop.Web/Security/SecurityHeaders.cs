namespace BlogShop.Web.Security;

/// <summary>The headers every response carries (NetEscapades.AspNetCore.SecurityHeaders).</summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// Scripts, styles, fonts and connections only from the site itself (no inline script, no eval); images also from
    /// data: (Bootstrap's icons) and blob: (the preview of a picture before it is uploaded). Inline style attributes are
    /// allowed (<c>style-src-attr</c>), style elements are not. No framing, no sniffing, the origin only as referrer
    /// to other sites, no powerful browser features, no Server header.
    /// </summary>
    public static HeaderPolicyCollection Policy() => new HeaderPolicyCollection()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self();
            csp.AddStyleSrc().Self();
            csp.AddStyleSrcAttr().UnsafeInline();
            csp.AddImgSrc().Self().Data().Blob();
            csp.AddFontSrc().Self();
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().Self();
            csp.AddFormAction().Self();
            csp.AddFrameAncestors().None();
        })
        .AddFrameOptionsDeny()
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicyStrictOriginWhenCrossOrigin()
        .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
        .AddPermissionsPolicy(permissions =>
        {
            permissions.AddCamera().None();
            permissions.AddMicrophone().None();
            permissions.AddGeolocation().None();
            permissions.AddPayment().None();
            permissions.AddUsb().None();
            permissions.AddAccelerometer().None();
            permissions.AddGyroscope().None();
            permissions.AddMagnetometer().None();
        })
        .RemoveServerHeader();
}
