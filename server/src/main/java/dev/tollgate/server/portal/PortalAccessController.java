package dev.tollgate.server.portal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The operator's side of portal access (admin token, like all of /v1): signed links and customer tokens. */
@RestController
@Tag(name = "Customer portal access", description = "Signed links and customer tokens that open /portal for one account")
class PortalAccessController {
  private final PortalLinks links;
  private final PortalTokens tokens;

  PortalAccessController(PortalLinks links, PortalTokens tokens) {
    this.links = links;
    this.tokens = tokens;
  }

  record LinkBody(Long ttlSeconds) {}

  record LinkView(String url, Instant expiresAt) {}

  @PostMapping("/v1/accounts/{id}/portal-links")
  @Operation(summary = "A single-use link that opens the account's portal (201). ttlSeconds 1..604800, default 3600;"
      + " 422 ttl_invalid, 404 account_not_found")
  ResponseEntity<LinkView> link(@PathVariable String id, @RequestBody(required = false) LinkBody body) {
    PortalLinks.Issued issued = links.issue(id, body == null ? null : body.ttlSeconds());
    String url = ServletUriComponentsBuilder.fromCurrentContextPath()
        .path("/portal/enter").queryParam("t", issued.token()).build().toUriString();
    return ResponseEntity.status(HttpStatus.CREATED).body(new LinkView(url, issued.expiresAt()));
  }

  record TokenBody(String remark) {}

  /** The only response that carries the token text. */
  record CreatedTokenView(String id, String token, String prefix, String remark, String accountId, Instant createdAt) {}

  record TokenView(String id, String prefix, String remark, String accountId, Instant createdAt, Instant lastUsedAt) {
    static TokenView of(PortalAccessStore.TokenRow t) {
      return new TokenView(t.id(), t.prefix(), t.remark(), t.accountId(), t.createdAt(), t.lastUsedAt());
    }
  }

  record TokenList(List<TokenView> items) {}

  @PostMapping("/v1/accounts/{id}/portal-tokens")
  @Operation(summary = "A long-lived customer token tgc_… (201), shown in this response only. 409"
      + " portal_token_limit_reached past 10 live tokens, 422 remark_too_long, 404 account_not_found")
  ResponseEntity<CreatedTokenView> createToken(@PathVariable String id, @RequestBody(required = false) TokenBody body) {
    PortalTokens.Created c = tokens.create(id, body == null ? null : body.remark());
    var t = c.token();
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new CreatedTokenView(t.id(), c.text(), t.prefix(), t.remark(), t.accountId(), t.createdAt()));
  }

  @GetMapping("/v1/accounts/{id}/portal-tokens")
  @Operation(summary = "The account's live customer tokens, oldest first, without their text")
  TokenList listTokens(@PathVariable String id) {
    return new TokenList(tokens.list(id).stream().map(TokenView::of).toList());
  }

  @DeleteMapping("/v1/accounts/{id}/portal-tokens/{tokenId}")
  @Operation(summary = "Revoke a customer token (204); its sessions end at once. 404 portal_token_not_found")
  ResponseEntity<Void> revoke(@PathVariable String id, @PathVariable String tokenId) {
    tokens.revoke(id, tokenId);
    return ResponseEntity.noContent().build();
  }
}
