import QRCode from "qrcode";
import { beginEnrolment } from "@/lib/auth/second-factor";
import { json, requireJsonRequest, userRoute } from "@/lib/http/route";

/** Starts setting up TOTP: a new secret, as text and as a QR code for an authenticator app. Confirmed next. */
export const POST = userRoute({ permission: "second_factor.manage" }, async ({ req, access }) => {
  requireJsonRequest(req);
  const started = await beginEnrolment(access.user);
  const qrSvg = await QRCode.toString(started.otpauthUri, {
    type: "svg",
    margin: 1,
    errorCorrectionLevel: "M",
  });
  return json({ secret: started.secret, otpauthUri: started.otpauthUri, qrSvg });
});
