package dev.tollgate.server.credit.packages;

import dev.tollgate.server.http.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Purchases", description = "Buying, refunding, upgrading and renewing packages with wallet money")
class PurchaseController {
  private final PurchaseCommands commands;
  private final PurchaseStore purchases;
  private final PurchaseViews views;

  PurchaseController(PurchaseCommands commands, PurchaseStore purchases, PurchaseViews views) {
    this.commands = commands;
    this.purchases = purchases;
    this.views = views;
  }

  record PurchaseBody(String packageId, Integer quantity, String idempotencyKey) {}

  record KeyBody(String idempotencyKey) {}

  record UpgradeBody(String packageId, String idempotencyKey) {}

  record AutoRenewBody(Boolean autoRenew) {}

  @PostMapping("/v1/accounts/{id}/purchases")
  @Operation(summary = "Buy a package with wallet money (201); same key and body → 200 with the first purchase;"
      + " 409 idempotency_key_mismatch, package_inactive, edition_not_active (add-ons); 402 insufficient_credit")
  ResponseEntity<PurchaseView> buy(@PathVariable String id, @RequestBody PurchaseBody body) {
    var request = PurchaseRequest.check("purchase", body.packageId(), "packageId", body.quantity(), body.idempotencyKey());
    return answer(commands.buy(id, request));
  }

  @GetMapping("/v1/purchases/{id}")
  @Operation(summary = "One purchase with its grants (404 purchase_not_found)")
  PurchaseView get(@PathVariable String id) {
    return view(purchases.find(id).orElseThrow(() -> PackageRejection.PURCHASE_NOT_FOUND.exception()));
  }

  @PostMapping("/v1/purchases/{id}/refund")
  @Operation(summary = "Refund a purchase within its refundable days while none of its credit was used (200);"
      + " else 409 refund_not_allowed. Grants are voided and the price goes back to the wallet")
  PurchaseView refund(@PathVariable String id) {
    return view(commands.refund(id));
  }

  @PostMapping("/v1/accounts/{id}/editions:upgrade")
  @Operation(summary = "Upgrade the edition in effect to a higher one, keeping its expiry (201); the price is the"
      + " difference of the list prices. 409 edition_not_active, upgrade_not_higher; 422 package_not_edition")
  ResponseEntity<PurchaseView> upgrade(@PathVariable String id, @RequestBody UpgradeBody body) {
    var request = PurchaseRequest.check("upgrade", body.packageId(), "packageId", 1, body.idempotencyKey());
    return answer(commands.upgrade(id, request));
  }

  @PostMapping("/v1/accounts/{id}/purchases/{purchaseId}/renew")
  @Operation(summary = "Renew an edition or concurrency package by hand: its expiry moves by the package's validity"
      + " (201, the renewal purchase). 409 renewal_not_supported, purchase_not_active")
  ResponseEntity<PurchaseView> renew(@PathVariable String id, @PathVariable String purchaseId, @RequestBody KeyBody body) {
    var request = PurchaseRequest.check("renewal", purchaseId, "purchaseId", 1, body.idempotencyKey());
    return answer(commands.renew(id, request));
  }

  @PatchMapping("/v1/accounts/{id}/purchases/{purchaseId}")
  @Operation(summary = "Set autoRenew of an edition or concurrency purchase (honoured by the auto-renew job)")
  PurchaseView patch(@PathVariable String id, @PathVariable String purchaseId, @RequestBody AutoRenewBody body) {
    if (body.autoRenew() == null) {
      throw ApiException.missingField("autoRenew");
    }
    return view(commands.setAutoRenew(id, purchaseId, body.autoRenew()));
  }

  private ResponseEntity<PurchaseView> answer(PurchaseCommands.Done done) {
    return ResponseEntity.status(done.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view(done.purchase()));
  }

  private PurchaseView view(Purchase p) {
    return views.of(p);
  }
}
