package io.shopstream.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * Bad input: answered with 400 and every invalid field listed (the {@code errors}
 * property).
 */
public final class InvalidRequestException extends RuntimeException implements ErrorResponse {

	private final List<FieldProblem> problems;

	private final ProblemDetail body;

	private InvalidRequestException(String detail, List<FieldProblem> problems) {
		super(detail);
		this.problems = List.copyOf(problems);
		this.body = ProblemDetails.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
		this.body.setProperty("errors", this.problems);
	}

	/**
	 * The request as a whole is wrong, in the words of {@code detail}, with these fields
	 * listed.
	 */
	public static InvalidRequestException of(String detail, List<FieldProblem> problems) {
		return new InvalidRequestException(detail, problems);
	}

	/** One field of the request is wrong: its name and what it must be. */
	public static InvalidRequestException forField(String field, String message) {
		return new InvalidRequestException("The request is invalid", List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return HttpStatus.BAD_REQUEST;
	}

	@Override
	public ProblemDetail getBody() {
		return this.body;
	}

}
